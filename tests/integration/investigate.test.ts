import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AutofixResult } from "@/lib/autofix/types";
import { db } from "@/lib/db";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import { computeCostUsd } from "@/lib/investigate/prices";
import { runInvestigation } from "@/lib/investigate/run-investigation";
import type { InvestigationRequest } from "@/lib/investigate/types";
import { machineFindings, scriptFindings, scriptRestart, scriptText } from "@/simulator/anthropic-script";
import type { ScriptedReply } from "@/simulator/anthropic-script";
import { simulatorCredentials } from "@/simulator/state";
import { startFakeVendor } from "../unit/probes/fake-vendor";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, overrides);

const restarted: AutofixResult = { outcome: "succeeded", app: "lookout-runtime", machineId: "m-unhealthy-1", message: "restart requested for lookout-runtime/m-unhealthy-1" };
const fakeFix = (result: AutofixResult = restarted) => vi.fn<(input: unknown) => Promise<AutofixResult>>(async () => result);

function flyRequest({ enabled = false, details = {}, error = "1 Fly machine unhealthy: lookout-runtime/m-unhealthy-1 (state failed)" } = {}): InvestigationRequest {
  const envelope = getEnvelope("fly");
  return {
    wakeId: "wake_it",
    sessionId: "probe:fly:machines_unhealthy:inc_it",
    probe: "fly",
    category: "machines_unhealthy",
    severity: "warning",
    title: "Fly machine unhealthy",
    detail: error,
    snapshot: { id: "snap_it", status: "degraded", details: { machines_unhealthy: 1, machines_total: 3, ...details }, error, observedAt: new Date().toISOString() },
    envelope: { enabled, fix: envelope.fix, does: envelope.does, outOfEnvelope: envelope.outOfEnvelope },
  };
}

interface SentBody {
  model: string;
  tool_choice?: { type: string; name?: string };
  system: { text: string; cache_control?: unknown }[];
  tools: { name: string; cache_control?: unknown }[];
  messages: { role: string; content: string | { type: string; tool_use_id?: string; content?: string; is_error?: boolean }[] }[];
}
const anthropicRequests = () => simulator().requests().filter((r) => r.vendor === "anthropic");
const sentBodies = () => anthropicRequests().map((r) => JSON.parse(r.body) as SentBody);
const toolResults = (body: SentBody | undefined) =>
  (body?.messages ?? []).flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((b) => b.type === "tool_result")));
// Every reply is keyed to the fly probe, as an investigation of a Fly issue asks for it.
const script = (...replies: ScriptedReply[][]) => {
  simulator().state.anthropic.script = replies.flat().map((r) => ({ key: "fly", ...r }));
};
const toolUse = (name: string, input: Record<string, unknown>, text?: string): ScriptedReply[] => [
  { content: [...(text ? [{ type: "text" as const, text }] : []), { type: "tool_use", name, input }] },
];
const findings = machineFindings("lookout-runtime", "m-unhealthy-1");

async function seedSnapshots(rows: { status: string; error: string | null; details?: unknown; minutesAgo: number }[]) {
  const now = Date.now();
  const cycle = await db.probeCycle.create({ data: { trigger: "manual", startedAt: new Date(now), finishedAt: new Date(now), durationMs: 1 } });
  for (const row of rows) {
    await db.probeSnapshot.create({
      data: { cycleId: cycle.id, probe: "fly", status: row.status, latencyMs: 30, details: JSON.stringify(row.details ?? {}), error: row.error, observedAt: new Date(now - row.minutesAgo * 60_000) },
    });
  }
}

beforeEach(async () => {
  simulator().reset();
  await db.investigation.deleteMany();
  await db.probeSnapshot.deleteMany();
  await db.probeCycle.deleteMany();
});

describe("runInvestigation against the simulated Messages API", () => {
  it("answers with Claude's report, summing usage and pricing it from the table", async () => {
    const usage = { input_tokens: 1200, output_tokens: 250, cache_creation_input_tokens: 800, cache_read_input_tokens: 5000 };
    script(scriptFindings({ ...findings, what_is_wrong: "  Machine m-unhealthy-1 failed.  " }, { usage }));
    const outcome = await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() });

    expect(outcome).toMatchObject({ engine: "claude", fallbackReason: null, model: "claude-sonnet-5-5", route: "probe_investigation", turns: 1, autofix: [], stoppedBy: null });
    expect(outcome.analysis).toEqual({ format: "report", whatIsWrong: "Machine m-unhealthy-1 failed.", likelyCause: findings.likely_cause, nextSteps: findings.next_steps, confidence: "medium" });
    expect(outcome.usage).toEqual({ inputTokens: 1200, outputTokens: 250, cacheCreationTokens: 800, cacheReadTokens: 5000 });
    expect(outcome.costUsd).toBeCloseTo(0.0079, 10);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(outcome.durationMs).toBeLessThan(60_000);

    const [body] = sentBodies();
    expect(body?.model).toBe("claude-sonnet-5-5");
    expect(body?.system.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    expect(body?.tools.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    expect(body?.tools.map((t) => t.name)).toContain("report_findings");
    // Every turn must call a tool, so the model cannot end on prose instead of its report.
    expect(body?.tool_choice).toEqual({ type: "any" });
    expect(anthropicRequests()[0]?.headers["anthropic-version"]).toBeTruthy();
  });

  it("keeps Claude's free text, marked as such, when it files no report", async () => {
    script(scriptText("  Machine m-unhealthy-1 failed. Restart it from the Fly dashboard.  "));
    const outcome = await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "claude", turns: 1 });
    expect(outcome.analysis).toEqual({ format: "text", text: "Machine m-unhealthy-1 failed. Restart it from the Fly dashboard." });
  });

  it("sends an invalid report back as a tool error, and takes the model's corrected one", async () => {
    script(toolUse("report_findings", { what_is_wrong: "Machine failed.", next_steps: [], confidence: "sure" }), scriptFindings(findings));
    const outcome = await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "claude", turns: 2, analysis: { format: "report", whatIsWrong: findings.what_is_wrong } });
    const [result] = toolResults(sentBodies()[1]);
    expect(result).toMatchObject({ is_error: true, content: expect.stringContaining("invalid input for report_findings") });
  });

  it("ends the run at a valid report and does not run a restart asked for beside it", async () => {
    script([{ content: [{ type: "tool_use", name: "restart_unhealthy_machine", input: { app: "lookout-runtime", machine_id: "m-unhealthy-1" } }, ...scriptFindings(findings)[0]!.content] }]);
    const executeFix = fakeFix();
    const outcome = await runInvestigation(flyRequest({ enabled: true }), { db, env: env(), executeFix });
    expect(executeFix).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ engine: "claude", turns: 1, autofix: [], analysis: { format: "report" } });
    expect(anthropicRequests()).toHaveLength(1);
  });

  it("gives two investigations running at once each its own keyed reply, whatever the queue order", async () => {
    const vercel: InvestigationRequest = { ...flyRequest(), wakeId: "wake_vercel", sessionId: "probe:vercel:service_degraded:inc_v", probe: "vercel", title: "Vercel deployments failing", envelope: { enabled: false, fix: null, does: "", outOfEnvelope: "" } };
    simulator().state.anthropic.script = [
      ...scriptFindings({ ...findings, what_is_wrong: "Vercel builds fail." }, { key: "vercel" }),
      ...scriptRestart("lookout-runtime", "m-unhealthy-1", { findings: { ...findings, what_is_wrong: "Fly machine m-unhealthy-1 failed." } }),
    ];
    const executeFix = fakeFix();
    const [fly, web] = await Promise.all([
      runInvestigation(flyRequest({ enabled: true }), { db, env: env(), executeFix }),
      runInvestigation(vercel, { db, env: env(), executeFix: fakeFix() }),
    ]);
    expect(fly).toMatchObject({ turns: 2, autofix: [restarted], analysis: { whatIsWrong: "Fly machine m-unhealthy-1 failed." } });
    expect(web).toMatchObject({ turns: 1, autofix: [], analysis: { whatIsWrong: "Vercel builds fail." } });
    expect(executeFix).toHaveBeenCalledTimes(1);
    expect(simulator().state.anthropic.script).toEqual([]);
  });

  it("with the envelope ON, runs the model's restart once and sends the result back", async () => {
    script(scriptRestart("lookout-runtime", "m-unhealthy-1"));
    const executeFix = fakeFix();
    const outcome = await runInvestigation(flyRequest({ enabled: true }), { db, env: env(), executeFix });

    expect(executeFix).toHaveBeenCalledTimes(1);
    expect(executeFix).toHaveBeenCalledWith({ app: "lookout-runtime", machine_id: "m-unhealthy-1", reason: "Health check critical; a restart is inside the envelope." });
    expect(outcome).toMatchObject({ engine: "claude", turns: 2, autofix: [restarted] });
    expect(outcome.analysis).toMatchObject({ format: "report", whatIsWrong: findings.what_is_wrong });
    // Two default-usage turns (1200 in / 250 out each), priced per request.
    expect(outcome.costUsd).toBeCloseTo(2 * 0.0049, 10);

    const [first, second] = sentBodies();
    expect(first?.tools.map((t) => t.name)).toContain("restart_unhealthy_machine");
    const [result] = toolResults(second);
    expect(result?.is_error).toBeUndefined();
    expect(result?.content).toContain('"outcome":"succeeded"');
    // The newest tool result is a cache breakpoint, so a third turn would read the first two from the cache.
    expect(result).toMatchObject({ cache_control: { type: "ephemeral" } });
  });

  it("with the envelope OFF, offers no fix tool, refuses a call to it and never runs the executor", async () => {
    script(toolUse("restart_unhealthy_machine", { app: "lookout-runtime", machine_id: "m-unhealthy-1" }), scriptText("I could not restart it; please do."));
    const executeFix = fakeFix();
    const outcome = await runInvestigation(flyRequest({ enabled: false }), { db, env: env(), executeFix });

    expect(executeFix).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ engine: "claude", autofix: [], turns: 2 });
    const [first, second] = sentBodies();
    expect(first?.tools.map((t) => t.name)).toEqual(["recent_snapshots", "open_incidents", "envelope_status", "report_findings"]);
    expect(toolResults(second)).toEqual([expect.objectContaining({ is_error: true, content: expect.stringContaining("tool not available") })]);
  });

  it("round-trips a read-only tool with figures from the database", async () => {
    await seedSnapshots([
      { status: "degraded", error: "machine m-unhealthy-1 failed", details: { machines_unhealthy: 1 }, minutesAgo: 1 },
      { status: "healthy", error: null, minutesAgo: 6 },
    ]);
    script(toolUse("recent_snapshots", { probe: "fly", limit: 5 }, "Checking history."), scriptFindings({ ...findings, what_is_wrong: "It failed a minute ago after being healthy." }));
    const outcome = await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() });

    expect(outcome).toMatchObject({ engine: "claude", turns: 2 });
    const [first, second] = sentBodies();
    expect(JSON.stringify(first?.messages[0])).toContain("machine m-unhealthy-1 failed");
    const [result] = toolResults(second);
    expect(result?.is_error).toBeUndefined();
    expect(result?.content).toContain('"status":"degraded"');
    expect(result?.content).toContain('"machines_unhealthy":1');
    expect(result?.content).toContain('"latencyMs":30');
  });

  it.each([
    ["overloaded", { kind: "status", status: 529 }, "(529"],
    ["rate limited", { kind: "rate_limit", retryAfterS: 0 }, "(429"],
    ["failing", { kind: "status", status: 500 }, "(500"],
  ] as const)("falls back when the API is %s", async (_label, fault, expected) => {
    simulator().setFault("anthropic", fault);
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_RETRIES: "0" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error", turns: 0, costUsd: 0 });
    expect(outcome.fallbackDetail).toContain(expected);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(outcome.durationMs).toBeLessThan(60_000);
    expect(outcome.analysis.format).toBe("figures");
    // The figures say why the AI could not answer, in the same words as the log.
    expect(outcome.analysis).toMatchObject({ text: expect.stringContaining(`the Anthropic API failed (${outcome.fallbackDetail})`) });
    expect(outcome.analysis).toMatchObject({ text: expect.stringContaining("Fly machine unhealthy") });
    expect(outcome.analysis).toMatchObject({ text: expect.stringContaining("the Anthropic API failed") });
    expect(anthropicRequests()).toHaveLength(1);
  });

  it("lets the SDK retry a transient overload before giving up", async () => {
    simulator().setFault("anthropic", { kind: "status", status: 529, times: 1 });
    script(scriptFindings({ ...findings, what_is_wrong: "Recovered after a retry." }));
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_RETRIES: "1" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "claude", analysis: { whatIsWrong: "Recovered after a retry." }, turns: 1 });
    expect(anthropicRequests()).toHaveLength(2);
  });

  it("says how many retries were spent when the API keeps failing", async () => {
    simulator().setFault("anthropic", { kind: "status", status: 529 });
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_RETRIES: "1" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error", fallbackDetail: "Anthropic API is overloaded (529 overloaded_error) after 1 retry" });
    expect(anthropicRequests()).toHaveLength(2);
  });

  it("falls back when the API hangs past the deadline", async () => {
    simulator().setFault("anthropic", { kind: "hang" });
    const started = Date.now();
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_RETRIES: "0", LOOKOUT_AI_TIMEOUT_MS: "500" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error" });
    expect(outcome.fallbackDetail).toContain("500 ms");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps the cost and the fix of completed turns when a later request fails", async () => {
    script(scriptRestart("lookout-runtime", "m-unhealthy-1"));
    const executeFix = vi.fn(async () => {
      simulator().setFault("anthropic", { kind: "status", status: 529 });
      return restarted;
    });
    const outcome = await runInvestigation(flyRequest({ enabled: true }), { db, env: env({ LOOKOUT_AI_MAX_RETRIES: "0" }), executeFix });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error", turns: 1, autofix: [restarted] });
    expect(outcome.costUsd).toBeCloseTo(computeCostUsd("claude-sonnet-5-5", { inputTokens: 1200, outputTokens: 250, cacheCreationTokens: 0, cacheReadTokens: 0 }), 10);
    // The fix is kept for "Lookout did", which is written from the audit rows the executor wrote.
    expect(outcome.analysis.format).toBe("figures");
  });

  it("falls back without a request when no API key is set", async () => {
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ ANTHROPIC_API_KEY: "" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "no_api_key", fallbackDetail: "ANTHROPIC_API_KEY is not set", model: null, costUsd: 0, turns: 0 });
    expect(anthropicRequests()).toHaveLength(0);
  });

  it("falls back without a request once today's budget is spent, counting from UTC midnight", async () => {
    const row = { sessionId: "s", probe: "fly", category: "c", severity: "warning", route: "probe_investigation", engine: "claude", summary: "x", completedAt: new Date(), durationMs: 1 };
    await db.investigation.create({ data: { ...row, wakeId: "w_yesterday", costUsd: 100, startedAt: new Date(Date.now() - 2 * 86_400_000) } });
    script(scriptFindings(findings));
    expect((await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() })).engine).toBe("claude");

    simulator().clearRequests();
    await db.investigation.create({ data: { ...row, wakeId: "w_today", costUsd: 5, startedAt: new Date() } });
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_DAILY_BUDGET_USD: "5" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "budget_exhausted" });
    expect(outcome.fallbackDetail).toContain("$5.00 daily AI budget");
    expect(anthropicRequests()).toHaveLength(0);
  });

  it("stops at the turn limit: falls back with no text, keeps partial text otherwise", async () => {
    const lookAgain = toolUse("open_incidents", {});
    script(lookAgain, lookAgain, lookAgain);
    const silent = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_TURNS: "2" }), executeFix: fakeFix() });
    expect(silent).toMatchObject({ engine: "fallback", fallbackReason: "api_error", turns: 2 });
    expect(silent.fallbackDetail).toContain("LOOKOUT_AI_MAX_TURNS (2)");
    expect(silent.costUsd).toBeCloseTo(2 * 0.0049, 10);
    expect(anthropicRequests()).toHaveLength(2);
    // The last permitted turn asks for the report by name, so a real model ends with findings.
    expect(sentBodies().map((b) => b.tool_choice)).toEqual([{ type: "any" }, { type: "tool", name: "report_findings" }]);

    simulator().reset();
    script(toolUse("open_incidents", {}, "Machine m-unhealthy-1 failed; checking other incidents."), toolUse("open_incidents", {}, "Only this one is open."));
    const partial = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_MAX_TURNS: "2" }), executeFix: fakeFix() });
    expect(partial).toMatchObject({ engine: "claude", turns: 2, stoppedBy: "max_turns" });
    // The text of every turn, in order, each its own paragraph.
    expect(partial.analysis).toEqual({ format: "text", text: "Machine m-unhealthy-1 failed; checking other incidents.\n\nOnly this one is open." });
  });

  it("falls back naming no stop reason when the API answers with none and no text", async () => {
    // The simulator always names a stop reason, so a loopback server gives this malformed answer.
    const vendor = await startFakeVendor({
      "/v1/messages": {
        json: { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-5-5", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 0 } },
      },
    });
    try {
      const outcome = await runInvestigation(flyRequest(), { db, env: env({ ANTHROPIC_BASE_URL: vendor.url }), executeFix: fakeFix() });
      expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error", fallbackDetail: "Anthropic API returned no text (stop_reason unknown)", turns: 1 });
    } finally {
      await vendor.close();
    }
  });

  it("falls back, as out of budget, when the day's budget runs out mid-run before any text", async () => {
    // Each default turn costs $0.0049: the first leaves the spend under $0.005, the second crosses it.
    const lookAgain = toolUse("open_incidents", {});
    script(lookAgain, lookAgain, lookAgain);
    const outcome = await runInvestigation(flyRequest(), { db, env: env({ LOOKOUT_AI_DAILY_BUDGET_USD: "0.005" }), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "budget_exhausted", fallbackDetail: "the daily AI budget ran out before an answer", stoppedBy: "budget", turns: 2 });
    expect(anthropicRequests()).toHaveLength(2);
  });

  it.each([
    ["ends its turn", "end_turn", "Anthropic API returned no text (stop_reason end_turn)"],
    ["refuses", "refusal", "Anthropic API declined to answer (stop_reason refusal)"],
  ] as const)("falls back, saying why, when the model %s with no text", async (_label, stopReason, detail) => {
    script([{ content: [{ type: "text", text: "  " }], stop_reason: stopReason }]);
    const outcome = await runInvestigation(flyRequest(), { db, env: env(), executeFix: fakeFix() });
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "api_error", fallbackDetail: detail, turns: 1 });
  });

  it("never sends a configured credential, even when the snapshot and history carry them", async () => {
    const secrets = Object.values(simulatorCredentials).filter((v) => v.length >= 8);
    const leak = secrets.join(" ");
    await seedSnapshots([{ status: "degraded", error: `401 with ${leak}`, details: { note: leak, api_key: secrets[0] }, minutesAgo: 1 }]);
    script(
      toolUse("recent_snapshots", { probe: "fly" }),
      toolUse("envelope_status", { probe: "fly" }),
      toolUse("restart_unhealthy_machine", { app: "lookout-runtime", machine_id: "m-unhealthy-1", reason: leak }),
      scriptFindings({ ...findings, likely_cause: `A crash; the logs quote ${leak}` }),
    );
    const refused: AutofixResult = { outcome: "refused", rule: "app_cooldown", app: "lookout-runtime", machineId: "m-unhealthy-1", message: `cooldown; token ${secrets[1]}` };
    const request = flyRequest({ enabled: true, error: `Fly API said ${leak}`, details: { token: secrets[2], nested: [{ message: leak }] } });
    const executeFix = fakeFix(refused);
    const outcome = await runInvestigation(request, { db, env: env(), executeFix });

    expect(outcome.engine).toBe("claude");
    expect(executeFix).toHaveBeenCalledTimes(1);
    const fixInput = JSON.stringify(executeFix.mock.calls[0]?.[0]);
    for (const secret of secrets) expect(fixInput).not.toContain(secret);
    expect(anthropicRequests()).toHaveLength(4);
    expect(toolResults(sentBodies()[3]).at(-1)).toMatchObject({ is_error: true });
    for (const { body } of anthropicRequests()) {
      for (const secret of secrets) expect(body.includes(secret), `credential ${secret.slice(0, 6)}… sent to the API`).toBe(false);
    }
    // The report the model filed is redacted before anything keeps it.
    for (const secret of secrets) expect(JSON.stringify(outcome.analysis)).not.toContain(secret);
    expect(outcome.analysis).toMatchObject({ likelyCause: expect.stringContaining("[redacted]") });
  });
});
