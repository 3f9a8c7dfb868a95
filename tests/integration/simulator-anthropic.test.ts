import Anthropic, { APIConnectionTimeoutError, AuthenticationError, BadRequestError, InternalServerError, OverloadedError, RateLimitError } from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findClaims } from "@/lib/investigate/check-claims";
import { defaultAnthropicUsage, scriptRestart, scriptText } from "@/simulator/anthropic-script";
import { simulatorCredentials, simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";

// The simulated Anthropic Messages API, driven by the real SDK as Lookout configures it.

let sim: Simulator;
let env: Record<string, string>;
const model = "claude-sonnet-5-5";
const tools: Anthropic.Tool[] = [
  {
    name: "restart_unhealthy_machine",
    description: "Restart one Fly machine that Lookout reported unhealthy.",
    input_schema: { type: "object", properties: { app: { type: "string" }, machine_id: { type: "string" }, reason: { type: "string" } }, required: ["app", "machine_id"] },
  },
];

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  env = simulatorEnv(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function client(apiKey = simulatorCredentials.anthropicApiKey, timeout = 2000) {
  return new Anthropic({ apiKey, baseURL: env.ANTHROPIC_BASE_URL ?? "", maxRetries: 0, timeout });
}

const ask = (c = client(), messages: Anthropic.MessageParam[] = [{ role: "user", content: "Probe: fly\nFly machine 1 failed its health check." }]) =>
  c.messages.create({ model, max_tokens: 1024, system: "You are Lookout's investigator.", tools, messages });

const failure = (c = client()) => ask(c).catch((e: unknown) => e);

describe("Anthropic Messages API", () => {
  it("never reports more output tokens than max_tokens allowed, and says the reply was cut", async () => {
    const reply = await client().messages.create({ model, max_tokens: 1, messages: [{ role: "user", content: "ping" }] });
    expect(reply).toMatchObject({ stop_reason: "max_tokens", usage: { output_tokens: 1 } });
  });

  it("answers the default text reply when nothing is scripted", async () => {
    const reply = await ask();
    expect(reply).toMatchObject({ type: "message", role: "assistant", model, stop_reason: "end_turn", usage: defaultAnthropicUsage });
    expect(reply.id).toMatch(/^msg_/);
    expect(reply.content).toEqual([{ type: "text", text: expect.stringMatching(/simulator default reply/i) }]);
  });

  it("plays a scripted tool_use, accepts the tool_result round trip, then the final text", async () => {
    sim.state.anthropic.script = scriptRestart("lookout-runtime", "m-123");
    const c = client();
    const first = await ask(c);
    expect(first.stop_reason).toBe("tool_use");
    const toolUse = first.content.find((b) => b.type === "tool_use");
    expect(toolUse).toMatchObject({ id: expect.stringMatching(/^toolu_/), name: "restart_unhealthy_machine", input: { app: "lookout-runtime", machine_id: "m-123" } });

    const second = await ask(c, [
      { role: "user", content: "Probe: fly\nFly machine m-123 failed its health check." },
      { role: "assistant", content: first.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse?.id ?? "", content: "restarted" }] },
    ]);
    // The findings close the round trip: analysis of the machine, never a word on what was done.
    expect(second.stop_reason).toBe("tool_use");
    expect(second.content[0]).toMatchObject({ type: "tool_use", name: "report_findings", input: { what_is_wrong: expect.stringContaining("m-123"), confidence: "medium" } });
    expect(sim.state.anthropic.script).toEqual([]);

    // A tool_result that answers no tool_use is refused, as the API does.
    const stray = await ask(c, [
      { role: "user", content: "x" },
      { role: "assistant", content: "y" },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_nope", content: "z" }] },
    ]).catch((e: unknown) => e);
    expect(stray).toBeInstanceOf(BadRequestError);
  });

  it("reports scripted usage merged over the defaults, and an explicit stop_reason", async () => {
    sim.state.anthropic.script = [
      ...scriptText("Done.", { usage: { input_tokens: 50_000, cache_read_input_tokens: 12_000 } }),
      { content: [{ type: "text", text: "cut" }], stop_reason: "max_tokens" },
    ];
    expect((await ask()).usage).toEqual({ input_tokens: 50_000, output_tokens: 250, cache_creation_input_tokens: 0, cache_read_input_tokens: 12_000 });
    expect((await ask()).stop_reason).toBe("max_tokens");
  });

  it("surfaces injected faults as the SDK's error classes", async () => {
    sim.setFault("anthropic", { kind: "status", status: 529, times: 1 });
    const overloaded = await failure();
    expect(overloaded).toBeInstanceOf(OverloadedError);
    expect(overloaded).toMatchObject({ status: 529, type: "overloaded_error", apiMessage: "Overloaded", requestID: expect.stringMatching(/^req_/) });

    sim.setFault("anthropic", { kind: "rate_limit", retryAfterS: 20, times: 1 });
    const limited = await failure();
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).status).toBe(429);
    expect((limited as RateLimitError).headers.get("retry-after")).toBe("20");

    sim.setFault("anthropic", { kind: "status", status: 500, times: 1 });
    const internal = await failure();
    expect(internal).toBeInstanceOf(InternalServerError);
    expect(internal).toMatchObject({ status: 500, type: "api_error" });

    sim.setFault("anthropic", { kind: "hang", times: 1 });
    expect(await failure(client(simulatorCredentials.anthropicApiKey, 300))).toBeInstanceOf(APIConnectionTimeoutError);
    // Faulted requests consume no script entry and record nothing as received.
    expect(sim.state.anthropic.received).toEqual([]);
  });

  it("`times` bounds a fault across the SDK's own retries", async () => {
    sim.setFault("anthropic", { kind: "status", status: 529, times: 1 });
    const c = new Anthropic({ apiKey: simulatorCredentials.anthropicApiKey, baseURL: env.ANTHROPIC_BASE_URL ?? "", maxRetries: 1, timeout: 2000 });
    expect((await ask(c)).stop_reason).toBe("end_turn");
    expect(sim.requests().filter((r) => r.vendor === "anthropic")).toHaveLength(2);
  });

  it("refuses a wrong key, a missing version header and a bad body", async () => {
    const wrong = await failure(client("sk-ant-wrong-key-123456"));
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect(wrong).toMatchObject({ status: 401, type: "authentication_error", apiMessage: "invalid x-api-key" });

    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const key = { "x-api-key": simulatorCredentials.anthropicApiKey };
    const valid = { model, max_tokens: 10, messages: [{ role: "user", content: "hi" }] };
    expect((await post(key, valid)).status).toBe(400);
    const versioned = { ...key, "anthropic-version": "2023-06-01" };
    expect((await post(versioned, valid)).status).toBe(200);
    const bad = await post(versioned, { model, messages: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" }, request_id: expect.stringMatching(/^req_/) });
  });

  it("records every request body, so tests can check the tools offered and what the prompt held", async () => {
    await ask();
    const [recorded] = sim.requests().filter((r) => r.vendor === "anthropic");
    expect(recorded?.path).toBe("/anthropic/v1/messages");
    const body = JSON.parse(recorded?.body ?? "{}") as { tools: { name: string }[]; system: string };
    expect(body.tools.map((t) => t.name)).toEqual(["restart_unhealthy_machine"]);
    expect(recorded?.headers["anthropic-version"]).toBeTruthy();
    expect(sim.state.anthropic.received).toEqual([
      { model, system: "You are Lookout's investigator.", tools: ["restart_unhealthy_machine"], messages: [expect.objectContaining({ role: "user" })], at: expect.any(String) },
    ]);
    const everything = JSON.stringify(sim.requests().map((r) => r.body));
    for (const secret of Object.values(simulatorCredentials)) expect(everything).not.toContain(secret);
  });

  it("/_control/anthropic/script validates, replaces or appends, and reset clears it", async () => {
    const control = (body: unknown) => fetch(`${sim.url}/_control/anthropic/script`, { method: "POST", body: JSON.stringify(body) });
    expect((await control({ replies: scriptRestart("lookout-runtime", "m-1") })).status).toBe(200);
    expect(await (await control({ replies: scriptText("more"), append: true })).json()).toEqual({ ok: true, queued: 3 });
    expect((await control({ replies: [{ content: [{ type: "image" }] }] })).status).toBe(400);
    expect((await control({ replies: [{ content: [] }] })).status).toBe(400);
    expect((await control({ replies: [{ key: "", content: [{ type: "text", text: "x" }] }] })).status).toBe(400);
    expect(sim.state.anthropic.script.map((r) => r.key)).toEqual(["fly", "fly", undefined]);
    expect(sim.state.anthropic.script).toHaveLength(3);
    const listed = (await (await fetch(`${sim.url}/_control/anthropic/script`)).json()) as { script: unknown[] };
    expect(listed.script).toHaveLength(3);
    sim.reset();
    expect(sim.state.anthropic).toEqual({ script: [], received: [] });
  });
});

describe("keyed replies and the default findings", () => {
  const reportTool: Anthropic.Tool = {
    name: "report_findings",
    description: "File the findings.",
    input_schema: { type: "object", properties: { what_is_wrong: { type: "string" } }, required: ["what_is_wrong"] },
  };
  const investigation = (probe: string | null, extra = "", session?: string) =>
    client().messages.create({
      model,
      max_tokens: 1024,
      tools: [reportTool],
      messages: [{ role: "user", content: [probe ? `Probe: ${probe}` : "", session ? `Session: ${session}` : "", extra].filter(Boolean).join("\n") }],
    });
  const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === "text" ? b.text : JSON.stringify(b.type === "tool_use" ? b.input : null))).join(" ");

  it("gives each request the first reply keyed to its probe or session, whatever the queue order", async () => {
    sim.state.anthropic.script = [...scriptText("for vercel", { key: "vercel" }), ...scriptText("for this session", { key: "probe:fly:x:1" }), ...scriptText("for fly", { key: "fly" })];
    expect(textOf(await investigation("fly"))).toBe("for fly");
    expect(textOf(await investigation("sentry", "", "probe:fly:x:1"))).toBe("for this session");
    // Nothing left for sentry: its own default findings, and the vercel reply stays queued.
    expect(textOf(await investigation("sentry"))).not.toContain("for vercel");
    expect(sim.state.anthropic.script.map((r) => r.key)).toEqual(["vercel"]);
    // A request that names no probe takes only an unkeyed reply.
    expect(textOf(await investigation(null))).not.toContain("for vercel");
    sim.state.anthropic.script.push(...scriptText("for anyone"));
    expect(textOf(await investigation(null))).toBe("for anyone");
    expect(textOf(await investigation("vercel"))).toBe("for vercel");
  });

  it("answers an unscripted investigation with honest findings about the issue it was given", async () => {
    const issue = '<issue>{"probe":"vercel","title":"Vercel deployments failing","detail":"Vercel deployment error rate 30% over the last 24 h"}</issue>';
    const reply = await investigation("vercel", issue);
    expect(reply.stop_reason).toBe("tool_use");
    const [block] = reply.content;
    expect(block).toMatchObject({ type: "tool_use", name: "report_findings" });
    const input = (block as Anthropic.ToolUseBlock).input as { what_is_wrong: string; likely_cause: string; next_steps: string[]; confidence: string };
    expect(input.what_is_wrong).toBe("Vercel deployments failing: Vercel deployment error rate 30% over the last 24 h.");
    expect(input.next_steps.length).toBeGreaterThan(0);
    expect(input.confidence).toBe("medium");
    for (const probe of ["fly", "vercel", "sentry", "doppler", "supabase", null]) {
      const { content } = await investigation(probe);
      const findings = (content[0] as Anthropic.ToolUseBlock).input as Record<string, string | string[]>;
      for (const sentence of [findings.what_is_wrong, findings.likely_cause, ...(findings.next_steps as string[])]) {
        expect(findClaims(String(sentence)), `${probe}: ${String(sentence)}`).toEqual([]);
      }
    }
  });

  it("refuses a tool_choice that names a tool the request does not offer, as the API does", async () => {
    const failure = await client()
      .messages.create({ model, max_tokens: 10, tools, tool_choice: { type: "tool", name: "report_findings" }, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BadRequestError);
    const ok = await client().messages.create({ model, max_tokens: 10, tools: [reportTool], tool_choice: { type: "tool", name: "report_findings" }, messages: [{ role: "user", content: "hi" }] });
    expect(ok.type).toBe("message");
    const noSchema = await fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": simulatorCredentials.anthropicApiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model, max_tokens: 10, tools: [{ name: "report_findings" }], messages: [{ role: "user", content: "hi" }] }),
    });
    expect(noSchema.status).toBe(400);
  });
});
