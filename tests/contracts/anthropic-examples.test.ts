import Anthropic from "@anthropic-ai/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { describeApiError } from "@/lib/investigate/describe-api-error";
import type { ToolRunState } from "@/lib/investigate/execute-tool-calls";
import { createLoopProgress, runClaudeLoop } from "@/lib/investigate/run-claude-loop";
import type { ToolContext, ToolDefinition } from "@/lib/investigate/tools";
import { startFakeVendor, type FakeReply, type FakeVendor } from "@/tests/unit/probes/fake-vendor";
import { anthropicError, anthropicMessage } from "./anthropic";
import { expectRejected, expectValid, readJsonExample } from "./harness";

// Examples after the "Create a Message" API reference (stored copy of docs.anthropic.com), checked against the
// contract and then answered, over HTTP through the real SDK, to Lookout's own investigation loop.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

const example = (file: string) => readJsonExample("anthropic", file);

// The reference's own tool example: get_stock_price, answered with its "259.75 USD" tool_result.
const stockPrice: ToolDefinition = {
  name: "get_stock_price",
  description: "Get the current stock price for a given ticker symbol.",
  input: z.object({ ticker: z.string() }),
  acts: false,
  run: async () => ({ result: "259.75 USD", isError: false }),
};

/** Serves `replies` in order to POST /v1/messages and runs the loop against them through the real SDK. */
async function runLoop(replies: FakeReply[]) {
  const queue = [...replies];
  vendor = await startFakeVendor({ "/v1/messages": () => queue.shift() ?? { status: 500, json: example("error-overloaded.json") } });
  const client = new Anthropic({ apiKey: "sk-ant-example", baseURL: vendor.url, maxRetries: 0 });
  const progress = createLoopProgress();
  const toolState: ToolRunState = { offered: new Map([[stockPrice.name, stockPrice]]), credentials: [], autofix: [] };
  // The stub tool never touches the context, so none is built.
  const toolContext = {} as ToolContext;
  const run = runClaudeLoop(
    { client, model: "claude-3-7-sonnet-20250219", maxTokens: 1024, maxTurns: 4, system: [], tools: [], firstMessage: "What's the S&P 500 at today?", signal: AbortSignal.timeout(5_000), toolContext, toolState },
    progress,
  );
  return { run, progress };
}

describe("Anthropic examples", () => {
  // The reference's 200 example, values unchanged (msg_013Zva2CMHLNnXjNJJKqJ2EF, 2095 / 503 tokens).
  it("the message example satisfies the contract", () => {
    expectValid(anthropicMessage, example("message.json"), "message.json");
  });

  // The tool_use block of the reference's `tools` description (toolu_01D7FLrfh4GYq7yT1ULFeyMV, get_stock_price,
  // {"ticker": "^GSPC"}) inside a Message with stop_reason tool_use, followed by the 200 example as the answer.
  it("a tool_use turn and the final message are read into the answer, two turns and their usage", async () => {
    expectValid(anthropicMessage, example("tool-use.json"), "tool-use.json");
    const { run, progress } = await runLoop([{ json: example("tool-use.json") }, { json: example("message.json") }]);
    await expect(run).resolves.toEqual({ report: null, text: "Hi! My name is Claude." });
    expect(progress).toMatchObject({ turns: 2, stopReason: "end_turn", model: "claude-3-7-sonnet-20250219", priceKnown: false });
    expect(progress.usage).toEqual({ inputTokens: 2567, outputTokens: 594, cacheCreationTokens: 0, cacheReadTokens: 0 });
    // An unpriced model is charged at the dearest tier (4 / 20 USD per million): 2567 * 4 + 594 * 20 micro-USD.
    expect(progress.costUsd).toBeCloseTo(0.022148, 9);
    // One request per turn: the tool_use turn was answered and sent back, not dropped.
    expect(vendor?.requests.map((r) => r.path)).toEqual(["/v1/messages", "/v1/messages"]);
  });

  // The errors page's overloaded body (529 overloaded_error, "Overloaded") with a request id.
  it("the overloaded error satisfies the contract and is described by type and status", async () => {
    expectValid(anthropicError, example("error-overloaded.json"), "error-overloaded.json");
    const { run } = await runLoop([{ status: 529, json: example("error-overloaded.json") }]);
    const error = await run.catch((e: unknown) => e);
    expect(describeApiError(error, { retries: 0, timeoutMs: 5_000 })).toBe("Anthropic API is overloaded (529 overloaded_error)");
  });

  it("the contract rejects a missing usage, a null stop_reason and an error without request_id", () => {
    const message = example("message.json") as Record<string, unknown>;
    expectRejected(anthropicMessage, { ...message, usage: undefined }, '"usage"');
    expectRejected(anthropicMessage, { ...message, stop_reason: null }, '"stop_reason"');
    const error = example("error-overloaded.json") as Record<string, unknown>;
    expectRejected(anthropicError, { ...error, request_id: undefined }, '"request_id"');
  });
});
