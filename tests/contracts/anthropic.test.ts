import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { scenarioNames, scriptRestart, scriptText } from "@/simulator/scenarios";
import { anthropicError, anthropicMessage, anthropicStopReasons } from "./anthropic";
import { expectRejected, expectValid, injectedStatuses, withSimulator, type Answer } from "./harness";

// The simulated Messages API against the contract written from the Anthropic SDK's types and API reference
// (see anthropic.ts), over real HTTP with the headers the SDK sends, and once through the real SDK.

const running = withSimulator();
const apiKey = () => running().env.ANTHROPIC_API_KEY ?? "";
const request = { model: "claude-sonnet-5-5", max_tokens: 1024, messages: [{ role: "user", content: "Probe: fly\nFly machine 148ed193b95189 failed. Investigate." }] };

async function createMessage(body: unknown = request, headers: Record<string, string> = { "x-api-key": apiKey(), "anthropic-version": "2023-06-01" }, path = "/v1/messages"): Promise<Answer> {
  const res = await fetch(`${running().env.ANTHROPIC_BASE_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

// Anthropic's errors page: the status each error type is sent with (api_error covers the other 5xx).
const typeForStatus: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

function expectAnthropicError(answer: Answer, status: number, what: string) {
  expect(answer.status, what).toBe(status);
  const body = expectValid(anthropicError, answer.json(), what);
  expect(body.error.type, `${what}: error type for HTTP ${status}`).toBe(typeForStatus[status]);
  expect(answer.headers.get("request-id"), `${what}: request-id header`).toBe(body.request_id);
}

describe("Messages API: success bodies in every scenario", () => {
  it.each(scenarioNames)("%s: the default reply, a scripted text and a tool_use turn satisfy the contract", async (scenario) => {
    const { sim } = running();
    sim.applyScenario(scenario);
    expectValid(anthropicMessage, (await createMessage()).json(), `${scenario}: default reply`);

    sim.state.anthropic.script = [...scriptText("All clear.", { usage: { input_tokens: 900 } }), ...scriptRestart("lookout-runtime", "148ed193b95189")];
    const text = expectValid(anthropicMessage, (await createMessage()).json(), `${scenario}: scripted text`);
    expect(text).toMatchObject({ stop_reason: "end_turn", model: request.model, usage: { input_tokens: 900 } });
    const tool = expectValid(anthropicMessage, (await createMessage()).json(), `${scenario}: tool_use turn`);
    expect(tool.stop_reason).toBe("tool_use");
    expect(tool.content.map((b) => b.type)).toEqual(["text", "tool_use"]);
  });

  it.each(anthropicStopReasons)("stop_reason %s is sent as scripted and satisfies the contract", async (stopReason) => {
    running().sim.state.anthropic.script = [{ content: [{ type: "text", text: "…" }], stop_reason: stopReason }];
    expect(expectValid(anthropicMessage, (await createMessage()).json(), stopReason).stop_reason).toBe(stopReason);
  });

  it("the real SDK, pointed at the simulator, gets a Message and an APIError carrying the contract's error body", async () => {
    const client = new Anthropic({ apiKey: apiKey(), baseURL: running().env.ANTHROPIC_BASE_URL, maxRetries: 0 });
    running().sim.state.anthropic.script = scriptRestart("lookout-runtime", "148ed193b95189").slice(0, 1);
    const message = await client.messages.create({ model: "claude-sonnet-5-5", max_tokens: 512, messages: [{ role: "user", content: "Probe: fly\nInvestigate." }] });
    expectValid(anthropicMessage, message, "SDK message");

    running().sim.setFault("anthropic", { kind: "status", status: 529 });
    const failure = await client.messages.create({ model: "claude-sonnet-5-5", max_tokens: 512, messages: [{ role: "user", content: "Again." }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expectValid(anthropicError, (failure as InstanceType<typeof Anthropic.APIError>).error, "SDK error body");
  });
});

describe("Messages API: error bodies", () => {
  it.each([...injectedStatuses, 529 as const])("injected %i: the error envelope with the type Anthropic sends for it", async (status) => {
    running().sim.setFault("anthropic", { kind: "status", status });
    expectAnthropicError(await createMessage(), status, `injected ${status}`);
  });

  it("rate_limit: 429 rate_limit_error with retry-after", async () => {
    running().sim.setFault("anthropic", { kind: "rate_limit", retryAfterS: 20 });
    const answer = await createMessage();
    expectAnthropicError(answer, 429, "rate limited");
    expect(answer.headers.get("retry-after")).toBe("20");
  });

  it("a wrong or missing key is authentication_error", async () => {
    expectAnthropicError(await createMessage(request, { "x-api-key": "sk-ant-not-the-key", "anthropic-version": "2023-06-01" }), 401, "wrong key");
    expectAnthropicError(await createMessage(request, { "anthropic-version": "2023-06-01" }), 401, "no key");
  });

  it("bad requests are invalid_request_error: no version header, broken JSON, missing fields, unpaired tool_use", async () => {
    expectAnthropicError(await createMessage(request, { "x-api-key": apiKey() }), 400, "no anthropic-version");
    expectAnthropicError(await createMessage("{not json"), 400, "broken JSON");
    expectAnthropicError(await createMessage({ model: "claude-sonnet-5-5", messages: [] }), 400, "missing max_tokens");
    const unpaired = {
      ...request,
      messages: [
        { role: "user", content: "go" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_01A", name: "restart_unhealthy_machine", input: {} }] },
        { role: "user", content: "no result" },
      ],
    };
    expectAnthropicError(await createMessage(unpaired), 400, "unpaired tool_use");
  });

  it("an unknown route is not_found_error", async () => {
    expectAnthropicError(await createMessage(request, undefined, "/v1/complete-everything"), 404, "unknown route");
  });

  it("the contract rejects an unknown stop_reason, tool input that is not an object, and an invented error type", async () => {
    const message = (await createMessage()).json() as Record<string, unknown>;
    expectRejected(anthropicMessage, { ...message, stop_reason: "finished" }, '"stop_reason"');
    expectRejected(anthropicMessage, { ...message, content: [{ type: "tool_use", id: "toolu_01A", name: "x", input: "restart" }] }, '"input"');
    expectRejected(anthropicMessage, { ...message, latency_ms: 12 }, "latency_ms");
    expectRejected(anthropicError, { type: "error", error: { type: "request_too_slow", message: "x" }, request_id: null }, '"type"');
  });
});
