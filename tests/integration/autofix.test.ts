import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartUnhealthyMachine } from "@/lib/autofix/restart-unhealthy-machine";
import type { AutofixAttemptDetails, AutofixContext } from "@/lib/autofix/types";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();
// Cooldown 0 keeps incidents independent; the cooldown case sets its own.
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0", ...overrides });

interface Incident {
  ctx: AutofixContext;
  app: string;
  machineId: string;
}

/** A fresh Fly incident: a failed lookout-runtime machine seen by a real cycle, with its wake and snapshot. */
async function openFlyIncident(e: Env = env()): Promise<Incident> {
  await db.wake.deleteMany();
  await db.incident.deleteMany();
  simulator().reset();
  simulator().applyScenario("fly-machine-fails");
  const cycle = await runProbeCycle({ trigger: "manual", env: e });
  if (!cycle.ok) throw new Error(cycle.message);
  const wake = await db.wake.findFirstOrThrow({ where: { probe: "fly" } });
  const snapshot = await db.probeSnapshot.findUniqueOrThrow({ where: { id: wake.snapshotId } });
  const apps = (JSON.parse(snapshot.details) as { apps: { app: string; unhealthy: { id: string }[] }[] }).apps;
  const reported = apps.flatMap((a) => a.unhealthy.map((m) => ({ app: a.app, machineId: m.id })));
  expect(reported).toHaveLength(1);
  const ctx = { sessionId: wake.sessionId, wakeId: wake.id, snapshotId: wake.snapshotId, requestedBy: "lookout:investigator" };
  return { ctx, ...reported[0]! };
}

const simMachine = (app: string, index: number) => {
  const machine = simulator().state.fly.apps.find((a) => a.name === app)?.machines[index];
  if (!machine) throw new Error(`no simulated machine ${app}[${index}]`);
  return machine.id;
};
const restarts = () => simulator().state.fly.restarts.map((r) => ({ app: r.app, machineId: r.machineId }));
async function attemptsOf(sessionId: string) {
  const rows = await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ actor: r.actor, probe: r.probe, ...(JSON.parse(r.details) as AutofixAttemptDetails) }));
}
const setEnvelope = (enabled: boolean) => toggleEnvelope({ probe: "fly", enabled }, { actor: "operator", db });

beforeAll(() => setEnvelope(true));
afterAll(() => setEnvelope(false));

describe("restarting an unhealthy Fly machine", () => {
  it("restarts exactly the machine the incident's snapshot reported, and records allowed then succeeded", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const result = await restartUnhealthyMachine({ app, machine_id: machineId, reason: "failed health check" }, ctx, { db, env: env() });

    expect(result).toMatchObject({ outcome: "succeeded", app: "lookout-runtime", machineId });
    expect(restarts()).toEqual([{ app, machineId }]);
    const common = { actor: "lookout:investigator", probe: "fly", app, machine_id: machineId, reason: "failed health check", wake_id: ctx.wakeId, snapshot_id: ctx.snapshotId, capability: "probe_autofix_fly_restart" };
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows).toEqual([
      { ...common, outcome: "allowed", message: expect.any(String) },
      { ...common, outcome: "succeeded", message: `Restarted machine ${machineId} in ${app}.` },
    ]);
  });

  it("refuses when the envelope is off now, whatever it was when the wake was emitted", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    await setEnvelope(false);
    try {
      const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() });
      expect(result).toMatchObject({ outcome: "refused", rule: "envelope_enabled", message: expect.stringMatching(/envelope is off/) });
    } finally {
      await setEnvelope(true);
    }
    expect(restarts()).toEqual([]);
    expect(await attemptsOf(ctx.sessionId)).toEqual([expect.objectContaining({ outcome: "refused", rule: "envelope_enabled", app, machine_id: machineId })]);
  });

  it("refuses under the kill switch", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env({ LOOKOUT_AUTOFIX_KILL_SWITCH: "true" }) });
    expect(result).toMatchObject({ outcome: "refused", rule: "envelope_enabled", message: expect.stringMatching(/KILL_SWITCH/) });
    expect(restarts()).toEqual([]);
  });

  it("refuses any machine the snapshot did not report unhealthy, and an app Lookout does not watch", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const requests = [
      { app, machine_id: simMachine("lookout-runtime", 1) }, // another machine of the same app
      { app: "lookout-staging", machine_id: machineId }, // the failed machine's id under another app
      { app: "lookout-staging", machine_id: simMachine("lookout-staging", 0) }, // a healthy machine
      { app: "someone-elses-app", machine_id: machineId }, // not in FLY_APPS
    ];
    for (const request of requests) {
      const result = await restartUnhealthyMachine(request, ctx, { db, env: env() });
      expect(result).toMatchObject({ outcome: "refused", rule: "machine_reported_unhealthy", app: request.app, machineId: request.machine_id });
    }
    const unknownSnapshot = await restartUnhealthyMachine({ app, machine_id: machineId }, { ...ctx, snapshotId: "no-such-snapshot" }, { db, env: env() });
    expect(unknownSnapshot).toMatchObject({ outcome: "refused", rule: "machine_reported_unhealthy" });

    expect(restarts()).toEqual([]);
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows.map((r) => [r.outcome, r.rule])).toEqual(Array(5).fill(["refused", "machine_reported_unhealthy"]));
    expect(rows[3]!.message).toMatch(/not one of the Fly apps Lookout watches/);
  });

  it("restarts at most once per incident", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    expect(await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() })).toMatchObject({ outcome: "succeeded" });
    const again = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() });
    expect(again).toMatchObject({ outcome: "refused", rule: "one_restart_per_incident", message: expect.stringMatching(/already ran in this incident/) });
    expect(restarts()).toHaveLength(1);
    expect((await attemptsOf(ctx.sessionId)).map((r) => r.outcome)).toEqual(["allowed", "succeeded", "refused"]);
  });

  it("holds a cooldown per app across incidents, until it is 0 or has passed", async () => {
    // A day ahead, so restarts other tests made at the real time are far outside this test's window.
    const t0 = Date.now() + 24 * 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const cooling = env({ LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30" });
    const first = await openFlyIncident(cooling);
    const restartFirst = await restartUnhealthyMachine({ app: first.app, machine_id: first.machineId }, first.ctx, { db, env: cooling, now: at(0) });
    expect(restartFirst).toMatchObject({ outcome: "succeeded" });

    const second = await openFlyIncident(cooling);
    expect(second.ctx.sessionId).not.toBe(first.ctx.sessionId);
    const request = { app: second.app, machine_id: second.machineId };
    const refused = await restartUnhealthyMachine(request, second.ctx, { db, env: cooling, now: at(10) });
    expect(refused).toMatchObject({ outcome: "refused", rule: "app_cooldown", message: expect.stringMatching(/cooldown is 30 min/) });
    expect(restarts()).toEqual([]);
    expect(await restartUnhealthyMachine(request, second.ctx, { db, env: env(), now: at(10) })).toMatchObject({ outcome: "succeeded" });

    const third = await openFlyIncident(cooling);
    const past = await restartUnhealthyMachine({ app: third.app, machine_id: third.machineId }, third.ctx, { db, env: cooling, now: at(41) });
    expect(past).toMatchObject({ outcome: "succeeded" });
    expect((await attemptsOf(second.ctx.sessionId)).map((r) => [r.outcome, r.rule])).toEqual([["refused", "app_cooldown"], ["allowed", undefined], ["succeeded", undefined]]);
  });

  it("refuses malformed requests without touching Fly", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const shapes: unknown[] = [null, "restart everything", {}, { app }, { app, machine_id: "" }, { app, machine_id: 42 }, { app, machine_id: machineId, all: true }, [{ app, machine_id: machineId }]];
    for (const shape of shapes) {
      const result = await restartUnhealthyMachine(shape, ctx, { db, env: env() });
      expect(result).toMatchObject({ outcome: "refused", rule: "invalid_request", message: expect.stringMatching(/^Invalid restart request/) });
    }
    expect(restarts()).toEqual([]);
    expect((await attemptsOf(ctx.sessionId)).map((r) => r.rule)).toEqual(Array(shapes.length).fill("invalid_request"));
  });

  it("records a failed restart when Fly answers 503, without the token", async () => {
    const e = env();
    const { ctx, app, machineId } = await openFlyIncident(e);
    simulator().setFault("fly", { kind: "status", status: 503, times: 1 });
    const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: e });

    expect(result).toMatchObject({ outcome: "failed", app, machineId, message: expect.stringMatching(/HTTP 503/) });
    expect(restarts()).toEqual([]);
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows.map((r) => r.outcome)).toEqual(["allowed", "failed"]);
    expect(rows[1]!.message).toMatch(/^Restart of machine \S+ in lookout-runtime failed: Fly API answered HTTP 503/);
    expect(JSON.stringify(rows)).not.toContain(e.FLY_API_TOKEN);
  });

  it("lets only one of two concurrent executors for the same incident restart", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const results = await Promise.all([0, 1].map(() => restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() })));

    expect(results.map((r) => r.outcome).sort()).toEqual(["refused", "succeeded"]);
    expect(results.find((r) => r.outcome === "refused")).toMatchObject({ rule: "one_restart_per_incident" });
    expect(restarts()).toEqual([{ app, machineId }]);
    expect((await attemptsOf(ctx.sessionId)).filter((r) => r.outcome === "allowed")).toHaveLength(1);
  });
});
