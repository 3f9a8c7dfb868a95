import type Anthropic from "@anthropic-ai/sdk";
import { redactDetails, redactText } from "@/lib/redact";
import { computeRequestCost } from "./prices";
import { executeToolCalls, type ToolRunState } from "./execute-tool-calls";
import { REPORT_TOOL_NAME, reportFindingsInput, type ReportFindingsInput } from "./findings";
import type { ToolContext } from "./tools";
import type { TokenUsage } from "./types";

/** What the run has gathered so far; kept by the caller even when a later request fails. */
export interface LoopProgress {
  usage: TokenUsage;
  costUsd: number;
  /** False once any request was priced with the conservative stand-in for an unknown model. */
  priceKnown: boolean;
  turns: number;
  model: string | null;
  /** Text of every turn, in order, for the analysis when the run ends without a valid report. */
  texts: string[];
  stopReason: string | null;
  /** Set when the run ended while the model still wanted tools: the turn limit, or the day's budget. */
  stoppedBy: "max_turns" | "budget" | null;
}

export interface LoopRequest {
  client: Pick<Anthropic, "messages">;
  model: string;
  maxTokens: number;
  maxTurns: number;
  system: Anthropic.TextBlockParam[];
  tools: Anthropic.Tool[];
  firstMessage: string;
  signal: AbortSignal;
  toolContext: ToolContext;
  toolState: ToolRunState;
  /** Asked before every turn after the first; false stops the run (the day's budget ran out mid-run). */
  mayContinue?: (progress: LoopProgress) => boolean;
}

export function createLoopProgress(): LoopProgress {
  const usage = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
  return { usage, costUsd: 0, priceKnown: true, turns: 0, model: null, texts: [], stopReason: null, stoppedBy: null };
}

function recordResponse(progress: LoopProgress, response: Anthropic.Message, requestedModel: string): void {
  const u = response.usage;
  const usage = {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheCreationTokens: u.cache_creation_input_tokens ?? 0,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
  };
  progress.usage.inputTokens += usage.inputTokens;
  progress.usage.outputTokens += usage.outputTokens;
  progress.usage.cacheCreationTokens += usage.cacheCreationTokens;
  progress.usage.cacheReadTokens += usage.cacheReadTokens;
  // Priced per request with the model that answered: tiers depend on each request's own prompt size.
  const cost = computeRequestCost(response.model || requestedModel, usage);
  progress.costUsd += cost.costUsd;
  progress.priceKnown &&= cost.priceKnown;
  progress.turns += 1;
  progress.model = response.model || requestedModel;
  progress.stopReason = response.stop_reason;
  const text = textOf(response);
  if (text) progress.texts.push(text);
}

export function textOf(response: Anthropic.Message): string {
  return response.content
    .flatMap((b) => (b.type === "text" ? [b.text] : []))
    .join("\n")
    .trim();
}

/**
 * The assistant turn as it is sent back. A model can only echo what it was given, but the turn goes
 * into the next prompt, so it passes through redaction like everything else.
 */
function redactAssistantTurn(content: Anthropic.ContentBlock[], credentials: string[]): Anthropic.ContentBlockParam[] {
  return content.map((block): Anthropic.ContentBlockParam => {
    if (block.type === "text") return { type: "text", text: redactText(block.text, credentials) };
    if (block.type === "tool_use") return { type: "tool_use", id: block.id, name: block.name, input: redactDetails({ input: block.input }, credentials).input };
    return block as Anthropic.ContentBlockParam;
  });
}

/**
 * Marks the newest user turn as a cache breakpoint, so each request reads the previous turns from the
 * cache instead of paying for them again. Only tool-result turns: a one-turn run would pay the write for nothing.
 */
function withRollingBreakpoint(messages: Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const last = messages[messages.length - 1];
  if (messages.length < 3 || !last || last.role !== "user" || typeof last.content === "string") return messages;
  const blocks = last.content.map((b, i) => (i === last.content.length - 1 && b.type === "tool_result" ? { ...b, cache_control: { type: "ephemeral" as const } } : b));
  return [...messages.slice(0, -1), { role: "user", content: blocks }];
}

/** How the run ended: the model's valid report, if it filed one, and the last turn's text. */
export interface LoopResult {
  report: ReportFindingsInput | null;
  text: string;
}

/**
 * The first report_findings call whose input is valid once redacted (the report is stored and sent, so
 * it is redacted before anything reads it), or null.
 */
function findReport(toolUses: Anthropic.ToolUseBlock[], credentials: string[]): ReportFindingsInput | null {
  for (const use of toolUses.filter((b) => b.name === REPORT_TOOL_NAME)) {
    const parsed = reportFindingsInput.safeParse(redactDetails({ input: use.input }, credentials).input);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/**
 * Every turn must call a tool, so the model cannot end on prose and skip its report; the last permitted
 * turn must call report_findings, so a run that used up its turns still ends with findings.
 */
function toolChoice(req: LoopRequest, progress: LoopProgress): { tool_choice?: Anthropic.ToolChoice } {
  if (!req.tools.some((t) => t.name === REPORT_TOOL_NAME)) return {};
  return { tool_choice: progress.turns + 1 >= req.maxTurns ? { type: "tool", name: REPORT_TOOL_NAME } : { type: "any" } };
}

/**
 * Messages API turns until the model files a valid report, ends its turn, or the turn limit is reached.
 * A valid report_findings call ends the run at once, and tool calls made beside it are not run: the
 * report is final, and a fix requested with it would have no findings written after its result. Tool
 * calls of the last permitted turn are not run either: nobody would read their results. An invalid
 * report goes back to the model as a tool error, like any invalid tool input, so it can file it again.
 * Throws whatever the SDK throws, with `progress` kept.
 */
export async function runClaudeLoop(req: LoopRequest, progress: LoopProgress): Promise<LoopResult> {
  const messages: Anthropic.MessageParam[] = [{ role: "user", content: req.firstMessage }];
  for (;;) {
    const response = await req.client.messages.create(
      {
        model: req.model,
        max_tokens: req.maxTokens,
        system: req.system,
        tools: req.tools,
        ...toolChoice(req, progress),
        messages: withRollingBreakpoint(messages),
      },
      { signal: req.signal },
    );
    recordResponse(progress, response, req.model);
    const toolUses = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
    const report = findReport(toolUses, req.toolState.credentials);
    if (report) return { report, text: textOf(response) };
    if (response.stop_reason !== "tool_use" || toolUses.length === 0) return { report: null, text: textOf(response) };
    if (progress.turns >= req.maxTurns) progress.stoppedBy = "max_turns";
    else if (req.mayContinue?.(progress) === false) progress.stoppedBy = "budget";
    if (progress.stoppedBy) return { report: null, text: "" };
    const results = await executeToolCalls(toolUses, req.toolContext, req.toolState);
    messages.push({ role: "assistant", content: redactAssistantTurn(response.content, req.toolState.credentials) }, { role: "user", content: results });
  }
}
