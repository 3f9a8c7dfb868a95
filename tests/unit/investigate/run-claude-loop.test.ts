import type Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ToolRunState } from "@/lib/investigate/execute-tool-calls";
import { REPORT_TOOL_NAME } from "@/lib/investigate/findings";
import { createLoopProgress, runClaudeLoop, type LoopRequest } from "@/lib/investigate/run-claude-loop";
import { investigationTools, toAnthropicTools, type ToolContext, type ToolDefinition } from "@/lib/investigate/tools";

// The loop against a Messages client that answers from a script and keeps every request it was sent:
// what each turn costs, what goes back to the model, and when the run ends. The simulator always answers
// with the requested model and only text or tool_use blocks, so those cases are scripted here.

const SECRET = "loop-unit-secret-4Jx8Rt";
const REQUESTED = "claude-sonnet-5-5";

type Reply = { content: unknown[]; stop_reason?: Anthropic.Message["stop_reason"]; model?: string; usage?: Partial<Anthropic.Usage> };

/** A read-only tool that answers with a fixed figure. */
const lookTool: ToolDefinition = {
  name: "look",
  description: "Look at a figure.",
  input: z.object({}).loose(),
  acts: false,
  run: async () => ({ result: { machines_unhealthy: 1 }, isError: false }),
};
const reportTool = investigationTools.find((t) => t.name === REPORT_TOOL_NAME)!;

const findings = { what_is_wrong: "Machine m1 failed its check.", likely_cause: "An OOM kill.", next_steps: ["Read the logs of m1."], confidence: "medium" };
const use = (name: string, input: unknown, id = `toolu_${name}`) => ({ type: "tool_use", id, name, input });
const text = (t: string) => ({ type: "text", text: t, citations: null });

function scriptedClient(replies: Reply[]) {
  const sent: { body: Anthropic.MessageCreateParamsNonStreaming; signal: unknown }[] = [];
  const client = {
    messages: {
      create: async (body: Anthropic.MessageCreateParamsNonStreaming, options?: { signal?: AbortSignal }) => {
        // A copy: the loop keeps appending to its own message list after the request is sent.
        sent.push({ body: structuredClone(body), signal: options?.signal });
        const reply = replies.shift();
        if (!reply) throw new Error("no scripted reply left");
        const usesTools = reply.content.some((b) => (b as { type: string }).type === "tool_use");
        return {
          id: "msg_1",
          type: "message",
          role: "assistant",
          model: reply.model ?? body.model,
          content: reply.content,
          stop_reason: reply.stop_reason ?? (usesTools ? "tool_use" : "end_turn"),
          stop_sequence: null,
          usage: { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...reply.usage },
        };
      },
    },
  } as unknown as LoopRequest["client"];
  return { client, sent };
}

function run(replies: Reply[], overrides: Partial<LoopRequest> = {}) {
  const { client, sent } = scriptedClient(replies);
  const progress = createLoopProgress();
  const offered = [lookTool, reportTool];
  const toolState: ToolRunState = { offered: new Map(offered.map((t) => [t.name, t])), credentials: [SECRET], autofix: [] };
  const signal = new AbortController().signal;
  const request: LoopRequest = {
    client,
    model: REQUESTED,
    maxTokens: 1024,
    maxTurns: 4,
    system: [],
    tools: toAnthropicTools(offered),
    firstMessage: "Probe: fly",
    signal,
    toolContext: {} as ToolContext,
    toolState,
    ...overrides,
  };
  return { result: runClaudeLoop(request, progress), progress, sent, signal };
}

describe("runClaudeLoop", () => {
  it("prices each turn with the model that answered and names that model", async () => {
    const { result, progress } = run([{ content: [text("Machine m1 failed.")], model: "claude-haiku-4-5" }]);
    await result;
    // haiku-4-5: 1000 in at $1 and 100 out at $5 per million tokens, not the sonnet price that was asked for.
    expect(progress).toMatchObject({ model: "claude-haiku-4-5", priceKnown: true, turns: 1 });
    expect(progress.costUsd).toBeCloseTo(0.0015, 12);
  });

  it("keeps a turn's text trimmed, its text blocks one to a line, and stops at a turn that does not end on tools", async () => {
    const { result, progress, sent } = run([
      { content: [text("  Machine m1 failed."), use("look", {}), text("Restart it from the Fly dashboard.  ")], stop_reason: "max_tokens" },
    ]);
    await expect(result).resolves.toStrictEqual({ report: null, text: "Machine m1 failed.\nRestart it from the Fly dashboard." });
    expect(progress.texts).toEqual(["Machine m1 failed.\nRestart it from the Fly dashboard."]);
    // The tool call of a cut-off turn is not run: no second request carries its result.
    expect(sent).toHaveLength(1);
  });

  it("ends a turn that says it wants tools but calls none", async () => {
    const { result, sent } = run([{ content: [text("Let me look.")], stop_reason: "tool_use" }]);
    await expect(result).resolves.toStrictEqual({ report: null, text: "Let me look." });
    expect(sent).toHaveLength(1);
  });

  it("sends the assistant turn back with text and tool input redacted and any other block exactly as received", async () => {
    const thinking = { type: "thinking", thinking: "The check is critical.", signature: "sig-opaque" };
    const { result, sent, signal } = run([
      { content: [thinking, text(`The token ${SECRET} was rejected.`), use("look", { note: `seen ${SECRET}` })] },
      { content: [text("Done.")] },
    ]);
    await result;
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body.messages[1]).toEqual({
      role: "assistant",
      content: [thinking, { type: "text", text: "The token [redacted] was rejected." }, { type: "tool_use", id: "toolu_look", name: "look", input: { note: "seen [redacted]" } }],
    });
    // Every request runs under the run's one deadline.
    expect(sent.map((s) => s.signal)).toEqual([signal, signal]);
  });

  it("marks only the newest tool result as a cache breakpoint", async () => {
    const { result, sent } = run([{ content: [use("look", {}, "toolu_a"), use("look", {}, "toolu_b")] }, { content: [text("Done.")] }]);
    await result;
    const results = sent[1]?.body.messages[2]?.content as { tool_use_id: string; cache_control?: unknown }[];
    expect(results.map((r) => [r.tool_use_id, r.cache_control])).toEqual([
      ["toolu_a", undefined],
      ["toolu_b", { type: "ephemeral" }],
    ]);
  });

  it("ends at the first valid report of a turn, past an invalid one", async () => {
    const { result, sent } = run([{ content: [use(REPORT_TOOL_NAME, { ...findings, confidence: "sure" }, "toolu_bad"), use(REPORT_TOOL_NAME, findings, "toolu_good")] }]);
    await expect(result).resolves.toMatchObject({ report: findings });
    expect(sent).toHaveLength(1);
  });

  it("takes a report only from report_findings, not from another tool called with the report's fields", async () => {
    const { result, sent } = run([{ content: [use("look", findings)] }, { content: [text("Machine m1 failed.")] }]);
    await expect(result).resolves.toStrictEqual({ report: null, text: "Machine m1 failed." });
    expect(sent).toHaveLength(2);
  });

  it("requires a tool call on every turn only when the report tool is offered", async () => {
    const none = run([{ content: [text("Hello.")] }], { tools: [] });
    await none.result;
    expect(none.sent[0]?.body).not.toHaveProperty("tool_choice");

    const other = run([{ content: [text("Hello.")] }], { tools: toAnthropicTools([lookTool]) });
    await other.result;
    expect(other.sent[0]?.body).not.toHaveProperty("tool_choice");

    const reportOnly = run([{ content: [use(REPORT_TOOL_NAME, findings)] }], { tools: toAnthropicTools([reportTool]) });
    await reportOnly.result;
    expect(reportOnly.sent[0]?.body.tool_choice).toEqual({ type: "any" });
  });

  it("stops with no report and no text when the budget allows no further turn", async () => {
    const { result, progress, sent } = run([{ content: [text("Looking further."), use("look", {})] }], { mayContinue: () => false });
    await expect(result).resolves.toStrictEqual({ report: null, text: "" });
    expect(progress).toMatchObject({ stoppedBy: "budget", turns: 1, texts: ["Looking further."] });
    expect(sent).toHaveLength(1);
  });
});
