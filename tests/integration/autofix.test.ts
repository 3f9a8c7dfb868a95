import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { restartUnhealthyMachine } from "@/lib/autofix/restart-unhealthy-machine";
import type { AutofixAttemptDetails, AutofixContext } from "@/lib/autofix/types";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { createDb, db } from "@/lib/db";
import { dialectOf } from "@/lib/db/dialect";
import type { Env } from "@/lib/env";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { simulatedEnv } from "../helpers/lookout-env";
import { createTestDatabase } from "../helpers/test-database";
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
const stampsOf = async (sessionId: string) =>
  (await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId }, orderBy: { id: "asc" } })).map((r) => r.createdAt.toISOString());
/** The real database with one statement failing the way SQLite does under a stuck lock or a full disk. */
const failingOn = (fault: Parameters<typeof db.$extends>[0]): PrismaClient => db.$extends(fault) as unknown as PrismaClient;
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
      { ...common, outcome: "allowed", message: `Restarting machine ${machineId} in ${app}.` },
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
    // The wake's own snapshot, were it ever another probe's, names no machine Lookout may restart.
    await db.probeSnapshot.update({ where: { id: ctx.snapshotId }, data: { probe: "vercel" } });
    const notFly = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() });
    expect(notFly.message).toBe(`Snapshot ${ctx.snapshotId} is not a Fly snapshot of this incident, so no machine can be restarted.`);

    expect(restarts()).toEqual([]);
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows.map((r) => [r.outcome, r.rule])).toEqual(Array(6).fill(["refused", "machine_reported_unhealthy"]));
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

  it("keeps the cooldown when hundreds of refused attempts came after the restart", async () => {
    // Two days ahead, clear of the other tests' restarts; the refusals are newer than the restart, so only reading
    // allowed attempts (not the newest rows of the seam) keeps the restart inside the bounded read.
    const t0 = Date.now() + 48 * 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const cooling = env({ LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30" });
    const first = await openFlyIncident(cooling);
    expect(await restartUnhealthyMachine({ app: first.app, machine_id: first.machineId }, first.ctx, { db, env: cooling, now: at(0) })).toMatchObject({ outcome: "succeeded" });
    const refusal = { outcome: "refused", rule: "machine_reported_unhealthy", app: first.app, machine_id: "m-other", reason: null, message: "refused", wake_id: first.ctx.wakeId, snapshot_id: first.ctx.snapshotId, capability: "probe_autofix_fly_restart" };
    const refusals = Array.from({ length: 501 }, () => ({ seam: "tool.probe_autofix_attempted" as const, actor: "lookout:investigator", sessionId: first.ctx.sessionId, probe: "fly" as const, details: refusal, at: at(1) }));
    await db.$transaction((tx) => writeAuditEvents(tx, refusals));

    const second = await openFlyIncident(cooling);
    const refused = await restartUnhealthyMachine({ app: second.app, machine_id: second.machineId }, second.ctx, { db, env: cooling, now: at(5) });
    expect(refused).toMatchObject({ outcome: "refused", rule: "app_cooldown" });
    expect(restarts()).toEqual([]);
  });

  it("refuses malformed requests without touching Fly", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const shapes: unknown[] = [undefined, null, "restart everything", {}, { app }, { app, machine_id: "" }, { app, machine_id: 42 }, { app, machine_id: machineId, all: true }, [{ app, machine_id: machineId }]];
    for (const shape of shapes) {
      const result = await restartUnhealthyMachine(shape, ctx, { db, env: env() });
      expect(result).toMatchObject({ outcome: "refused", rule: "invalid_request", message: expect.stringMatching(/^Invalid restart request/) });
    }
    expect(restarts()).toEqual([]);
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows.map((r) => [r.outcome, r.rule])).toEqual(Array(shapes.length).fill(["refused", "invalid_request"]));
  });

  it("says which field of a malformed request is wrong, and what to send instead", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const missing = await restartUnhealthyMachine({ app }, ctx, { db, env: env() });
    expect(missing.message).toBe("Invalid restart request (machine_id: Invalid input: expected string, received undefined); send { app, machine_id, reason? }.");
    const extra = await restartUnhealthyMachine({ app, machine_id: machineId, all: true }, ctx, { db, env: env() });
    expect(extra.message).toBe('Invalid restart request (Unrecognized key: "all"); send { app, machine_id, reason? }.');
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

  it("stamps every row of an attempt with the executor's clock", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    // A week back, so these allowed rows sit before any other test's cooldown window.
    const now = new Date(Date.now() - 7 * 24 * 60 * 60_000);
    expect(await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env(), now })).toMatchObject({ outcome: "succeeded" });
    expect(await stampsOf(ctx.sessionId)).toEqual([now.toISOString(), now.toISOString()]);
  });

  it("refuses with the envelope on while FLY_API_TOKEN is not set, and says so", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const message = "The Fly fix envelope cannot act: FLY_API_TOKEN is not set.";
    const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env({ FLY_API_TOKEN: "" }) });

    expect(result).toEqual({ outcome: "refused", rule: "envelope_enabled", app, machineId, message });
    expect(restarts()).toEqual([]);
    expect(await attemptsOf(ctx.sessionId)).toEqual([expect.objectContaining({ outcome: "refused", rule: "envelope_enabled", app, machine_id: machineId, message })]);
  });

  it("names the apps Lookout watches when refusing an app outside FLY_APPS", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const elsewhere = await restartUnhealthyMachine({ app: "someone-elses-app", machine_id: machineId }, ctx, { db, env: env() });
    expect(elsewhere).toMatchObject({
      rule: "machine_reported_unhealthy",
      message: "App someone-elses-app is not one of the Fly apps Lookout watches (lookout-runtime, lookout-staging).",
    });
    const noneWatched = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env({ FLY_APPS: "" }) });
    expect(noneWatched).toMatchObject({
      rule: "machine_reported_unhealthy",
      message: "App lookout-runtime is not one of the Fly apps Lookout watches (none configured).",
    });
    expect(restarts()).toEqual([]);
  });

  it("records what it could read of a malformed request: app, machine and reason when they are strings", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const cases: [unknown, { app: string | null; machine_id: string | null; reason: string | null }][] = [
      [{ app, machine_id: 42, reason: "wedged since the deploy" }, { app, machine_id: null, reason: "wedged since the deploy" }],
      [{ app, machine_id: machineId, all: true }, { app, machine_id: machineId, reason: null }],
      ["restart everything", { app: null, machine_id: null, reason: null }],
      // An over-long field is kept to its first 100 characters.
      [{ app: "a".repeat(150), machine_id: 42 }, { app: "a".repeat(100), machine_id: null, reason: null }],
    ];
    for (const [request, read] of cases) {
      const result = await restartUnhealthyMachine(request, ctx, { db, env: env() });
      expect(result).toMatchObject({ outcome: "refused", rule: "invalid_request", app: read.app, machineId: read.machine_id });
    }
    const rows = await attemptsOf(ctx.sessionId);
    expect(rows.map((r) => ({ app: r.app, machine_id: r.machine_id, reason: r.reason }))).toEqual(cases.map(([, read]) => read));
    expect(restarts()).toEqual([]);
  });

  it("reads the envelope switch from the database it claims the restart in", async () => {
    // Fly's envelope is on in the shared database (beforeAll) and off in this one.
    const own = await createTestDatabase("autofix-own-envelope");
    const ownDb = createDb(own.url);
    try {
      const { ctx, app, machineId } = await openFlyIncident();
      const message = "The Fly fix envelope is off: the operator has not enabled machine restarts, so restart nothing.";
      expect(await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db: ownDb, env: env() })).toEqual({ outcome: "refused", rule: "envelope_enabled", app, machineId, message });
      expect(restarts()).toEqual([]);
      const rows = await ownDb.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted" } });
      expect(rows.map((r) => JSON.parse(r.details) as AutofixAttemptDetails)).toEqual([expect.objectContaining({ outcome: "refused", rule: "envelope_enabled", message })]);
    } finally {
      await ownDb.$disconnect();
      await own.remove();
    }
  });

  it("fails closed when the envelope check cannot complete: nothing restarted, one failed row, no claim left behind", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const locked = failingOn({
      query: {
        wake: {
          findFirst: () => Promise.reject(new Error("SQLITE_BUSY: database is locked")),
        },
      },
    });
    const now = new Date(Date.now() - 7 * 24 * 60 * 60_000);
    const result = await restartUnhealthyMachine({ app, machine_id: machineId, reason: "failed health check" }, ctx, { db: locked, env: env(), now });

    const message = "Restart not attempted: the envelope check could not complete (SQLITE_BUSY: database is locked).";
    expect(result).toEqual({ outcome: "failed", app, machineId, message });
    expect(restarts()).toEqual([]);
    expect(await attemptsOf(ctx.sessionId)).toEqual([
      {
        actor: "lookout:investigator",
        probe: "fly",
        outcome: "failed",
        app,
        machine_id: machineId,
        reason: "failed health check",
        message,
        wake_id: ctx.wakeId,
        snapshot_id: ctx.snapshotId,
        capability: "probe_autofix_fly_restart",
      },
    ]);
    expect(await stampsOf(ctx.sessionId)).toEqual([now.toISOString()]);
  });

  it("answers and logs the lost row, without restarting, when no attempt row can be written", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    const full = failingOn({
      query: {
        auditEvent: {
          createMany: () => Promise.reject(new Error("SQLITE_FULL: database or disk is full")),
        },
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db: full, env: env() });
      expect(result).toEqual({ outcome: "failed", app, machineId, message: "Restart not attempted: the envelope check could not complete (SQLITE_FULL: database or disk is full)." });
      expect(logged).toHaveBeenCalledWith(`[lookout] autofix: could not record the failed attempt for ${ctx.sessionId}: SQLITE_FULL: database or disk is full`);
    } finally {
      logged.mockRestore();
    }
    expect(restarts()).toEqual([]);
    expect(await attemptsOf(ctx.sessionId)).toEqual([]);
  });

  it("waits for a transaction that holds the database for seconds, instead of failing the restart", async () => {
    const { ctx, app, machineId } = await openFlyIncident();
    // Another transaction holds what a restart claim takes (SQLite's write lock, or PostgreSQL's lock on the
    // Fly envelope's row) for 3 s, longer than Prisma's default 2 s wait.
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const writer = db.$transaction(
      async (tx) => {
        await dialectOf(tx).lockRestartClaim(tx);
        holding();
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      },
      { timeout: 10_000 },
    );
    await held;
    const result = await restartUnhealthyMachine({ app, machine_id: machineId }, ctx, { db, env: env() });
    await writer;

    expect(result).toMatchObject({ outcome: "succeeded", app, machineId });
    expect(restarts()).toEqual([{ app, machineId }]);
  });
});
