import type Anthropic from "@anthropic-ai/sdk";
import type { AutofixResult } from "@/lib/autofix/types";
import { describeError } from "@/lib/describe-error";
import { redactDetails } from "@/lib/redact";
import { toPromptJson } from "./to-prompt-json";
import type { ToolAnswer, ToolContext, ToolDefinition } from "./tools";

export const TOOL_NOT_AVAILABLE = "tool not available";

export interface ToolRunState {
  /** Tools this run offered, by name: anything else is refused without running. */
  offered: ReadonlyMap<string, ToolDefinition>;
  credentials: string[];
  autofix: AutofixResult[];
}

const refuse = (message: string): ToolAnswer => ({ result: { error: message }, isError: true });

async function answerToolUse(block: Anthropic.ToolUseBlock, ctx: ToolContext, state: ToolRunState): Promise<ToolAnswer> {
  const tool = state.offered.get(block.name);
  if (!tool) return refuse(TOOL_NOT_AVAILABLE);
  // Model input is redacted before use: the fix's reason, for one, ends up in the audit log.
  const { input } = redactDetails({ input: block.input ?? {} }, state.credentials);
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) {
    return refuse(`invalid input for ${tool.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
  }
  // Every fix request goes to the executor, the one authority on the envelope: it refuses a second
  // restart in this incident itself, and so every attempt, refused or not, lands in the audit log.
  try {
    return await tool.run(parsed.data, ctx);
  } catch (error) {
    if (!tool.acts) return refuse(`${tool.name} failed: ${describeError(error)}`);
    // The executor should answer, not throw; if it does, the attempt still counts and is reported as failed.
    const target = parsed.data as { app: string; machine_id: string };
    const autofix: AutofixResult = { outcome: "failed", app: target.app, machineId: target.machine_id, message: `the fix could not run: ${describeError(error)}` };
    return { result: autofix, isError: true, autofix };
  }
}

/**
 * Answers every tool_use block of one assistant turn, in order, with one tool_result each (the API
 * requires all of them in the next user message). Results are redacted before they leave.
 */
export async function executeToolCalls(
  blocks: Anthropic.ToolUseBlock[],
  ctx: ToolContext,
  state: ToolRunState,
): Promise<Anthropic.ToolResultBlockParam[]> {
  const results: Anthropic.ToolResultBlockParam[] = [];
  for (const block of blocks) {
    const answer = await answerToolUse(block, ctx, state);
    if (answer.autofix) state.autofix.push(answer.autofix);
    results.push({
      type: "tool_result",
      tool_use_id: block.id,
      content: toPromptJson(answer.result, state.credentials),
      ...(answer.isError ? { is_error: true } : {}),
    });
  }
  return results;
}
