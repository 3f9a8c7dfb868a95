import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { computeCostUsd } from "@/lib/investigate/prices";
import { claimWakes } from "@/lib/wake/claim-wakes";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { consumeWakesLogged } from "@/lib/wake/consume-wakes-logged";
import { sendInvestigationDm } from "@/lib/slack/send-dm";
import { scriptRestart } from "@/simulator/scenarios";
import { injectWriteFault } from "../helpers/db-faults";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();
// Restarts stay in the append-only audit log across tests, so the per-app cooldown is off unless a test wants it.
const env = (overrides: Record<string, string> = {}) =>
  simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0", ...overrides });
const anthropicRequests = () => simulator().requests().filter((r) => r.vendor === "anthropic").map((r) => JSON.parse(String(r.body)));
const toolNames = (body: { tools?: { name: string }[] }) => (body.tools ?? []).map((t) => t.name);

async function setFlyEnvelope(enabled: boolean) {
  await toggleEnvelope({ probe: "fly", enabled }, { actor: "operator", db });
}

beforeEach(async () => {
  simulator().reset();
  vi.restoreAllMocks();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
  await setFlyEnvelope(false);
});

describe("a failing Fly machine, end to end", () => {
  it("with the envelope ON: one restart of exactly that machine, one DM, every row on one session id", async () => {
    await setFlyEnvelope(true);
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    const { app, machineId, sessionId } = await cycleAndFindUnhealthyMachine(db, e);
    simulator().state.anthropic.script = scriptRestart(app, machineId);

    const summary = await consumeWakes({ db, env: e });
    expect(summary).toMatchObject({ investigated: 1, failed: 0 });

    expect(simulator().state.fly.restarts.map((r) => [r.app, r.machineId])).toEqual([[app, machineId]]);
    expect(toolNames(anthropicRequests()[0])).toContain("restart_unhealthy_machine");
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(simulator().state.slack.messages[0]!.text).toMatch(/^:large_orange_circle: Warning: /);

    const wake = await db.wake.findFirstOrThrow({ where: { sessionId } });
    expect(wake.status).toBe("done");
    const investigation = await db.investigation.findUniqueOrThrow({ where: { wakeId: wake.id } });
    expect(investigation).toMatchObject({ sessionId, engine: "claude", route: "probe_investigation", autofixAttempted: true, dmStatus: "sent" });
    expect(investigation.durationMs).toBeGreaterThan(0);
    expect(investigation.completedAt.getTime() - investigation.startedAt.getTime()).toBe(investigation.durationMs);
    const autofix = await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId } });
    expect(autofix.map((r) => JSON.parse(r.details).outcome)).toEqual(["allowed", "succeeded"]);
    expect(autofix.map((r) => r.actor)).toEqual(["lookout:investigator", "lookout:investigator"]);
    const completed = await db.auditEvent.findMany({ where: { seam: "probe.investigation_completed", sessionId } });
    expect(completed).toHaveLength(1);
    expect(completed[0]!.actor).toBe("lookout:investigator");
    // The incident's own title heads the DM, and the DM says a model wrote it.
    const [dm] = simulator().state.slack.messages;
    expect(dm!.text).toContain("Fly.io machines are unhealthy");
    expect(JSON.stringify(dm!.blocks)).toContain("AI investigation");
    expect(await db.incident.findFirstOrThrow({ where: { sessionId } })).toMatchObject({ lastAutofixOutcome: investigation.autofixOutcome });
    expect(investigation.autofixOutcome).toMatch(/restart/i);
    expect(JSON.parse(completed[0]!.details)).toMatchObject({ dm_status: "sent", autofix_attempted: true, model: expect.any(String) });
    const dms = await db.dmMessage.findMany({ where: { sessionId } });
    expect(dms.map((d) => d.status)).toEqual(["sent"]);
    expect(await db.auditEvent.count({ where: { seam: "probe.wake_requested", sessionId } })).toBe(1);
  });

  it("with the envelope OFF: no fix tool is offered and nothing is restarted", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    const { app, machineId, sessionId } = await cycleAndFindUnhealthyMachine(db, e);
    simulator().state.anthropic.script = scriptRestart(app, machineId);
    await consumeWakes({ db, env: e });

    for (const body of anthropicRequests()) expect(toolNames(body)).not.toContain("restart_unhealthy_machine");
    expect(simulator().state.fly.restarts).toHaveLength(0);
    expect(await db.auditEvent.count({ where: { seam: "tool.probe_autofix_attempted", sessionId, NOT: { details: { contains: '"outcome":"refused"' } } } })).toBe(0);
    expect(await db.investigation.findFirstOrThrow({ where: { sessionId } })).toMatchObject({ autofixAttempted: false, autofixOutcome: null });
    expect(await db.incident.findFirstOrThrow({ where: { sessionId } })).toMatchObject({ lastAutofixOutcome: null });
    expect(simulator().state.slack.messages).toHaveLength(1);
  });

  it("refuses a model that asks for another machine, another app, or a second restart", async () => {
    await setFlyEnvelope(true);
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    const { app, machineId, sessionId } = await cycleAndFindUnhealthyMachine(db, e);
    const otherApp = app === "lookout-runtime" ? "lookout-staging" : "lookout-runtime";
    const restart = (a: string, m: string) => ({ type: "tool_use" as const, name: "restart_unhealthy_machine", input: { app: a, machine_id: m, reason: "scripted" } });
    simulator().state.anthropic.script = [
      { key: "fly", content: [restart(app, "not-that-machine")] },
      { key: "fly", content: [restart(otherApp, machineId)] },
      { key: "fly", content: [restart(app, machineId)] },
      { key: "fly", content: [restart(app, machineId)] },
      { key: "fly", content: [{ type: "text", text: "Restarted the failed machine once; further restarts were refused." }] },
    ];
    await consumeWakes({ db, env: e });

    expect(simulator().state.fly.restarts.map((r) => r.machineId)).toEqual([machineId]);
    const outcomes = (await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId }, orderBy: { id: "asc" } })).map((r) => {
      const d = JSON.parse(r.details);
      return d.outcome === "refused" ? `refused:${d.rule}` : d.outcome;
    });
    expect(outcomes).toEqual(["refused:machine_reported_unhealthy", "refused:machine_reported_unhealthy", "allowed", "succeeded", "refused:one_restart_per_incident"]);
    // Each refusal went back to the model as a tool error.
    const toolResults = anthropicRequests().flatMap((b) => b.messages.flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : []))).filter((c: { type: string }) => c.type === "tool_result");
    expect(toolResults.filter((c: { is_error?: boolean }) => c.is_error).length).toBeGreaterThanOrEqual(3);
  });
});

describe("debounce", () => {
  it("investigates an incident once: its later wakes are debounced, even after the window", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env({ LOOKOUT_DEBOUNCE_SECONDS: "600" });
    for (let i = 0; i < 3; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    let now = new Date();
    await consumeWakes({ db, env: e, now: () => now });
    expect(await db.investigation.count()).toBe(1);
    expect(await db.wake.count({ where: { status: "debounced" } })).toBe(2);
    expect(simulator().state.slack.messages).toHaveLength(1);
    const investigation = await db.investigation.findFirstOrThrow();
    // The investigations list reads these figures straight from the incident.
    expect(await db.incident.findFirstOrThrow()).toMatchObject({ issueCount: 3, debouncedCount: 2, investigationCount: 1, costUsd: investigation.costUsd, lastDmStatus: "sent" });

    // Past the window the incident is still the same one: reminders, not new investigations, keep the operator told.
    await runProbeCycle({ trigger: "manual", env: e, db });
    now = new Date(Date.now() + 601_000);
    await consumeWakes({ db, env: e, now: () => now });
    expect(await db.investigation.count()).toBe(1);
    expect(await db.wake.count({ where: { status: "debounced" } })).toBe(3);
    expect(simulator().state.slack.messages.filter((m) => !m.text.startsWith("Still open"))).toHaveLength(1);
  });

  it("debounces a new incident of the same pair inside the window, and investigates one after it", async () => {
    const e = env({ LOOKOUT_DEBOUNCE_SECONDS: "600" });
    const incident = async (now: Date) => {
      simulator().applyScenario("fly-machine-fails");
      await runProbeCycle({ trigger: "manual", env: e, db });
      await consumeWakes({ db, env: e, now: () => now });
      simulator().applyScenario("all-healthy");
      for (let i = 0; i < 2; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    };
    await incident(new Date());
    await incident(new Date());
    expect(await db.investigation.count()).toBe(1);
    await incident(new Date(Date.now() + 601_000));
    expect(await db.investigation.count()).toBe(2);
    expect(new Set((await db.investigation.findMany()).map((i) => i.sessionId)).size).toBe(2);
  });

  it("lets a new critical incident through the window when the operator opted in, and only then", async () => {
    const incident = async (e: ReturnType<typeof env>) => {
      simulator().applyScenario("fly-app-down");
      await runProbeCycle({ trigger: "manual", env: e, db });
      await consumeWakes({ db, env: e });
      simulator().applyScenario("all-healthy");
      for (let i = 0; i < 2; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    };
    // Four incidents in twelve cycles would count as flapping (its own tests): not what this test is about.
    const steady = { LOOKOUT_FLAP_CHANGES: "19" };
    const off = env(steady);
    await incident(off);
    await incident(off);
    expect(await db.investigation.count()).toBe(1);

    const on = env({ ...steady, LOOKOUT_CRITICAL_BYPASS_DEBOUNCE: "true" });
    await incident(on);
    await incident(on);
    expect(await db.investigation.count()).toBe(3);
    expect((await db.investigation.findMany()).every((i) => i.severity === "critical")).toBe(true);
    const firsts = simulator().state.slack.messages.filter((m) => !m.threadTs);
    expect(firsts.map((m) => m.text.startsWith(":red_circle: Critical: "))).toEqual([true, true, true]);
  });

  it("is off with LOOKOUT_DEBOUNCE_SECONDS=0: a new incident of the same pair right after is investigated", async () => {
    const e = env({ LOOKOUT_DEBOUNCE_SECONDS: "0" });
    for (let i = 0; i < 2; i++) {
      simulator().applyScenario("fly-machine-fails");
      await runProbeCycle({ trigger: "manual", env: e, db });
      await consumeWakes({ db, env: e });
      simulator().applyScenario("all-healthy");
      for (let j = 0; j < 2; j++) await runProbeCycle({ trigger: "manual", env: e, db });
    }
    expect(await db.investigation.count()).toBe(2);
  });
});

describe("when the model's API fails", () => {
  it.each([
    ["529 overloaded", { kind: "status", status: 529 }],
    ["429 rate limited", { kind: "rate_limit", retryAfterS: 0 }],
    ["500", { kind: "status", status: 500 }],
    ["a timeout", { kind: "hang" }],
  ] as const)("after %s the operator still gets a fallback DM", async (_, fault) => {
    simulator().applyScenario("fly-machine-fails");
    simulator().setFault("anthropic", fault);
    const e = env({ LOOKOUT_AI_TIMEOUT_MS: "800" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    await consumeWakes({ db, env: e });
    const investigation = await db.investigation.findFirstOrThrow();
    expect(investigation).toMatchObject({ engine: "fallback", dmStatus: "engine_unavailable_fallback" });
    expect(investigation.summary).toMatch(/Fly/);
    expect(simulator().state.slack.messages).toHaveLength(1);
  });

  it("with no API key, no request is made and the fallback DM goes out", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = simulatedEnv(simulator().url, { ANTHROPIC_API_KEY: "" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    await consumeWakes({ db, env: e });
    expect(anthropicRequests()).toHaveLength(0);
    expect(await db.investigation.findFirstOrThrow()).toMatchObject({ engine: "fallback", dmStatus: "engine_unavailable_fallback" });
    const blocks = JSON.stringify(simulator().state.slack.messages[0]!.blocks);
    expect(blocks).toContain("Fallback summary (AI unavailable)");
  });
});

describe("when Slack fails", () => {
  it("refused for good (ok:false): failed_send recorded, the wake done, never retried", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    await runProbeCycle({ trigger: "manual", env: e, db });
    simulator().state.slack.failNext = { method: "chat.postMessage", error: "channel_not_found", times: 5 };
    await consumeWakes({ db, env: e });
    const investigation = await db.investigation.findFirstOrThrow();
    expect(investigation.dmStatus).toBe("failed_send");
    const dm = await db.dmMessage.findFirstOrThrow({ where: { sessionId: investigation.sessionId } });
    expect(dm).toMatchObject({ status: "failed", errorCode: "channel_not_found", failureReason: "the operator's DM channel was not found" });
    expect(dm.text.length).toBeGreaterThan(0);
    expect((await db.wake.findFirstOrThrow()).status).toBe("done");

    await consumeWakes({ db, env: e, now: () => new Date(Date.now() + 3_600_000) });
    expect(simulator().requests().filter((r) => r.path.endsWith("chat.postMessage"))).toHaveLength(1);
    expect(await db.investigation.count()).toBe(1);
  });

  it.each([
    ["429 with a long Retry-After", () => simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 120 }), "ratelimited"],
    ["a timeout", () => simulator().setFault("slack", { kind: "hang" }), "timeout"],
  ] as const)("after %s: the wake is done, the DM retried from the outbox and delivered exactly once", async (_, breakSlack, code) => {
    simulator().applyScenario("fly-machine-fails");
    const e = env({ SLACK_TIMEOUT_MS: "500" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    breakSlack();
    await consumeWakes({ db, env: e });
    const investigation = await db.investigation.findFirstOrThrow();
    expect(investigation.dmStatus).toBe("retrying");
    const dm = await db.dmMessage.findFirstOrThrow({ where: { sessionId: investigation.sessionId } });
    expect(dm).toMatchObject({ status: "queued", errorCode: code });
    expect((await db.wake.findFirstOrThrow()).status).toBe("done");

    // The next consumer pass after Slack recovers delivers it; it neither investigates nor sends again.
    simulator().setFault("slack", null);
    expect(await consumeWakes({ db, env: e, now: () => new Date(Date.now() + 200_000) })).toMatchObject({ investigated: 0, dmsSent: 1 });
    await consumeWakes({ db, env: e, now: () => new Date(Date.now() + 400_000) });
    expect(await db.investigation.count()).toBe(1);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(await db.investigation.findFirstOrThrow()).toMatchObject({ dmStatus: "sent" });
    expect(await db.incident.findFirstOrThrow()).toMatchObject({ lastDmStatus: "sent" });
    expect(await db.auditEvent.count({ where: { seam: "probe.investigation_completed", sessionId: investigation.sessionId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { seam: "slack.dm_delivery", sessionId: investigation.sessionId } })).toBe(1);
  });
});

describe("a consumer that dies mid-investigation", () => {
  it("ends with exactly one investigation, one restart and one DM once its lease expires", async () => {
    await setFlyEnvelope(true);
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    const { app, machineId } = await cycleAndFindUnhealthyMachine(db, e);
    const start = new Date();
    // The dead consumer claimed the wake and got as far as the restart, then vanished.
    const [claimed] = await claimWakes(db, { owner: "dead", limit: 1, now: start, leaseMs: 1_000 });
    const { restartUnhealthyMachine } = await import("@/lib/autofix/restart-unhealthy-machine");
    await restartUnhealthyMachine({ app, machine_id: machineId }, { sessionId: claimed!.sessionId, wakeId: claimed!.id, snapshotId: claimed!.snapshotId, requestedBy: "lookout:investigator" }, { db, env: e });

    // While the lease holds, nobody else takes the wake.
    expect(await consumeWakes({ db, env: e, now: () => start })).toMatchObject({ investigated: 0 });

    simulator().state.anthropic.script = scriptRestart(app, machineId);
    const later = new Date(start.getTime() + 2_000);
    expect(await consumeWakes({ db, env: e, now: () => later })).toMatchObject({ investigated: 1 });
    expect(await consumeWakes({ db, env: e, now: () => later })).toMatchObject({ investigated: 0 });

    expect(await db.investigation.count()).toBe(1);
    expect(simulator().state.fly.restarts).toHaveLength(1);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect((await db.wake.findUniqueOrThrow({ where: { id: claimed!.id } })).attempts).toBe(2);
  });
});

describe("a slow investigation", () => {
  it("keeps its wake while it runs: another consumer never takes it over, so it is investigated and DMed once", async () => {
    simulator().applyScenario("fly-machine-fails");
    // A lease of 0.6 s, and a model that takes three times as long to answer.
    const e = env({ LOOKOUT_LEASE_SECONDS: "0.6" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    simulator().setFault("anthropic", { kind: "latency", ms: 1_800, times: 1 });
    const running = consumeWakes({ db, env: e });
    // The other consumer starts once this one holds the wake: before that, taking the wake is no takeover.
    const heldByThisPass = (w: { leaseOwner: string | null; status: string }) => w.leaseOwner?.startsWith("consumer:") || w.status === "done";
    while (!heldByThisPass(await db.wake.findFirstOrThrow())) await new Promise((resolve) => setTimeout(resolve, 10));
    const takenOver: unknown[] = [];
    const owners = new Set<string | null>();
    const until = Date.now() + 1_700;
    while (Date.now() < until) {
      takenOver.push(...(await claimWakes(db, { owner: "other-consumer", limit: 5, leaseMs: 600 })));
      owners.add((await db.wake.findFirstOrThrow()).leaseOwner);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await running).toMatchObject({ investigated: 1, takenOver: 0 });
    expect(takenOver).toEqual([]);
    // Held under one owner name of its own, unique to this consumer pass.
    const held = [...owners].filter((o) => o !== null);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(/^consumer:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(anthropicRequests()).toHaveLength(1);
    expect(await db.investigation.count()).toBe(1);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect((await db.wake.findFirstOrThrow()).attempts).toBe(1);
  });

  it("records nothing once another consumer took its wake: the one holding the wake finishes it", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env({ LOOKOUT_LEASE_SECONDS: "0.6" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    const { id } = await db.wake.findFirstOrThrow();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    simulator().setFault("anthropic", { kind: "latency", ms: 800, times: 1 });
    const running = consumeWakes({ db, env: e });
    // Another consumer takes the wake over mid-investigation (as after a long stall of this one).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.wake.updateMany({ data: { leaseOwner: "other-consumer", leaseExpiresAt: new Date(Date.now() + 60_000) } });
    expect(await running).toMatchObject({ investigated: 0, takenOver: 1, retried: 0, failed: 0 });
    expect(await db.investigation.count()).toBe(0);
    expect(simulator().state.slack.messages).toHaveLength(0);
    expect(await db.wake.findFirstOrThrow()).toMatchObject({ status: "processing", leaseOwner: "other-consumer" });
    // Its lease renewal found the wake gone, and the log names the wake.
    expect(error).toHaveBeenCalledWith(`[lookout] lost the lease on wake ${id}: another process took it over`);
  });

  it("holds its wake a full lease from storing the investigation, so no consumer takes it while the DM goes out", async () => {
    simulator().applyScenario("fly-machine-fails");
    // A lease long enough that no renewal falls inside this test: only the claim and the store set it.
    const e = env({ LOOKOUT_LEASE_SECONDS: "60" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    simulator().setFault("slack", { kind: "latency", ms: 1_000, times: 1, path: "chat.postMessage" });
    const running = consumeWakes({ db, env: e });
    while ((await db.investigation.count()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.wake.findFirstOrThrow()).toMatchObject({ status: "processing" });
    expect(await claimWakes(db, { owner: "other-consumer", limit: 5, leaseMs: 60_000 })).toEqual([]);
    expect(await running).toMatchObject({ investigated: 1, takenOver: 0 });
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(await db.wake.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 1 });
  });
});

describe("one consumer per process", () => {
  it("a trigger while a pass runs joins it instead of starting a second consumer", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    await runProbeCycle({ trigger: "manual", env: e, db });
    const first = consumeWakes({ db, env: e });
    const second = consumeWakes({ db, env: e });
    expect(second).toBe(first);
    expect(await second).toMatchObject({ investigated: 1 });
    expect(simulator().state.slack.messages).toHaveLength(1);
  });

  it("a trigger after the pass looked for work makes it go round again", async () => {
    const e = env();
    simulator().applyScenario("fly-machine-fails");
    await runProbeCycle({ trigger: "manual", env: e, db });
    await consumeWakes({ db, env: e });
    const [flyDm] = simulator().state.slack.messages;

    // Vercel fails too; its DM is rate limited and waits in the outbox.
    simulator().applyScenario("vercel-errors-rise");
    await runProbeCycle({ trigger: "manual", env: e, db });
    simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 120, path: "chat.postMessage" });
    await consumeWakes({ db, env: e });
    expect(await db.dmMessage.count({ where: { status: "queued" } })).toBe(1);

    // A pass delivers it slowly, after it has already looked for wakes and resolutions.
    simulator().setFault("slack", { kind: "latency", ms: 1_500, times: 1, path: "chat.postMessage" });
    const later = new Date(Date.now() + 200_000);
    const posts = () => simulator().requests().filter((r) => r.path.endsWith("chat.postMessage")).length;
    const before = posts();
    const running = consumeWakes({ db, env: e, now: () => later });
    while (posts() === before) await new Promise((resolve) => setTimeout(resolve, 20));

    // Meanwhile Fly recovers and the cycle triggers the consumer: the running pass goes round again and tells it.
    // (Two healthy cycles: the recovery threshold.)
    simulator().applyScenario("all-healthy");
    for (let i = 0; i < 2; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    expect(consumeWakes({ db, env: e })).toBe(running);
    await running;
    const replies = simulator().state.slack.messages.filter((m) => m.threadTs === flyDm!.ts);
    expect(replies.map((m) => m.text)).toEqual([expect.stringMatching(/^Resolved/)]);
  });
});

describe("the logged consumer (after a cycle, and the recovery sweep)", () => {
  it("says in one line what a pass did, and nothing for a pass that did nothing", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    await runProbeCycle({ trigger: "manual", env: e, db });
    await consumeWakes({ db, env: e });
    // A second wake inside the debounce window: handled from the database alone, with the server's own settings.
    await runProbeCycle({ trigger: "manual", env: e, db });
    const log = vi.mocked(console.log);
    log.mockClear();
    await consumeWakesLogged();
    expect(log.mock.calls).toEqual([["[lookout] wakes: 1 debounced"]]);
    log.mockClear();
    await consumeWakesLogged();
    expect(log).not.toHaveBeenCalled();
  });

  it("logs a pass that failed instead of throwing", async () => {
    simulator().applyScenario("fly-machine-fails");
    await runProbeCycle({ trigger: "manual", env: env(), db });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const lift = await injectWriteFault(db, { name: "refuse_wake_updates", table: "Wake", operation: "UPDATE", message: "wakes refused by the test database" });
    try {
      await expect(consumeWakesLogged()).resolves.toBeUndefined();
    } finally {
      await lift();
    }
    expect(error.mock.calls).toEqual([[expect.stringMatching(/^\[lookout\] wake consumer failed: .*wakes refused by the test database/)]]);
  });
});

describe("cost", () => {
  it("matches the price table for the scripted usage, to the cent", async () => {
    simulator().applyScenario("fly-machine-fails");
    const usage = { input_tokens: 41_000, output_tokens: 2_300, cache_creation_input_tokens: 5_200, cache_read_input_tokens: 88_000 };
    simulator().state.anthropic.script = [{ key: "fly", content: [{ type: "text", text: "The machine failed its health check." }], usage }];
    const e = env({ LOOKOUT_AI_MODEL: "claude-sonnet-5-5" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    await consumeWakes({ db, env: e });
    const investigation = await db.investigation.findFirstOrThrow();
    // sonnet-5-5: 2 / 10 / 2.50 / 0.20 per million -> 0.082 + 0.023 + 0.013 + 0.0176 = 0.1356
    expect(investigation.costUsd).toBeCloseTo(0.1356, 6);
    expect(computeCostUsd("claude-sonnet-5-5", { inputTokens: 41_000, outputTokens: 2_300, cacheCreationTokens: 5_200, cacheReadTokens: 88_000 })).toBeCloseTo(0.1356, 6);
    const completed = JSON.parse((await db.auditEvent.findFirstOrThrow({ where: { seam: "probe.investigation_completed", sessionId: investigation.sessionId } })).details);
    expect(completed).toMatchObject({ input_tokens: 41_000, output_tokens: 2_300, cache_creation_tokens: 5_200, cache_read_tokens: 88_000 });
    expect(completed.cost_usd.toFixed(2)).toBe("0.14");
  });
});

describe("the outbox drained after the wakes", () => {
  it("counts a DM given up on after Slack errors that may have posted it as undelivered", async () => {
    simulator().setFault("slack", { kind: "status", status: 500, path: "chat.postMessage" });
    const e = env({ LOOKOUT_DM_RETRY_HOURS: "1" });
    const t0 = new Date();
    const report = { lookoutDid: ["No restart was attempted."], analysis: { format: "figures" as const, text: "Machines unhealthy: 1 of 2" }, claimCheck: null, claimMismatch: null };
    await sendInvestigationDm({ sessionId: "probe:fly:machines_unhealthy:outbox", wakeId: "wake-outbox", probe: "fly", severity: "warning", title: "Fly machine unhealthy", report, engine: "fallback" }, { db, env: e, now: () => t0 });
    const summary = await consumeWakes({ db, env: e, now: () => new Date(t0.getTime() + 2 * 3_600_000) });
    expect(summary).toMatchObject({ dmsSent: 0, dmsUndelivered: 1 });
    expect(await db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: "investigation:wake-outbox" } })).toMatchObject({ status: "unknown" });
  });
});

describe("the lease on a finished wake", () => {
  it("is let go when the wake is done: no renewal runs on after it", async () => {
    simulator().applyScenario("fly-machine-fails");
    // 0.2 s leases renew every 66 ms: a keeper left running would try within the wait below.
    const e = simulatedEnv(simulator().url, { ANTHROPIC_API_KEY: "", LOOKOUT_LEASE_SECONDS: "0.2" });
    await runProbeCycle({ trigger: "manual", env: e, db });
    const errors = vi.spyOn(console, "error");
    expect(await consumeWakes({ db, env: e })).toMatchObject({ investigated: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).not.toHaveBeenCalledWith(expect.stringContaining("lost the lease"));
  });
});
