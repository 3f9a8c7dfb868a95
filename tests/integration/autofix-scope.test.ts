import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { restartUnhealthyMachine } from "@/lib/autofix/restart-unhealthy-machine";
import { autofixSeam } from "@/lib/autofix/write-autofix-attempt";
import type { AutofixContext } from "@/lib/autofix/types";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { createDb, db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import type { PrismaClient, Wake } from "@/lib/generated/prisma/client";
import { simulatedEnv } from "../helpers/lookout-env";
import { createTestDatabase } from "../helpers/test-database";
import { withSimulator } from "../helpers/with-simulator";

// How far one restart reaches: the cooldown holds one app, not every app, and the machines a restart may
// name are those of the incident's own snapshot, never those another incident or an older cycle reported.
// Incidents here come from real cycles against the simulator, opened and resolved as Lookout does.

const simulator = withSimulator();
// Cooldown 0 unless a test wants it, so each test's restarts do not depend on another's.
// One healthy cycle resolves a Fly incident here (the recovery threshold has its own tests), so each test's
// incidents open and close in as few cycles as before.
const env = (overrides: Record<string, string> = {}) =>
  simulatedEnv(simulator().url, { LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0", LOOKOUT_RECOVERY_THRESHOLD_FLY: "1", ...overrides });

/** Fails one simulated machine the way the fly-machine-fails scenario does; returns its id. */
function failMachine(app: "lookout-runtime" | "lookout-staging", index: number): string {
  const machine = simulator().state.fly.apps.find((a) => a.name === app)?.machines[index];
  if (!machine) throw new Error(`no simulated machine ${app}[${index}]`);
  machine.state = "failed";
  machine.checks = machine.checks.map((c) => ({ ...c, status: "critical", output: "connection refused" }));
  return machine.id;
}

/** One real probe cycle; returns the Fly wake it wrote, if any. */
async function cycle(e: Env, on: PrismaClient = db): Promise<Wake | null> {
  const started = new Date();
  const result = await runProbeCycle({ trigger: "manual", env: e, db: on });
  if (!result.ok) throw new Error(result.message);
  return on.wake.findFirst({ where: { probe: "fly", createdAt: { gte: started } } });
}

async function flyWake(e: Env, on: PrismaClient = db): Promise<Wake> {
  const wake = await cycle(e, on);
  if (!wake) throw new Error("the cycle wrote no Fly wake");
  return wake;
}

const ctxOf = (wake: Pick<Wake, "sessionId" | "id" | "snapshotId">): AutofixContext => ({
  sessionId: wake.sessionId,
  wakeId: wake.id,
  snapshotId: wake.snapshotId,
  requestedBy: "lookout:investigator",
});
/**
 * Runs a test against a freshly migrated database with the Fly envelope on: a cooldown window reaches
 * forward without end, so only a database of its own keeps other tests' restarts out of it.
 */
async function withOwnDatabase(label: string, test: (own: PrismaClient) => Promise<void>): Promise<void> {
  const fresh = await createTestDatabase(label);
  const own = createDb(fresh.url);
  try {
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db: own });
    await test(own);
  } finally {
    await own.$disconnect();
    await fresh.remove();
  }
}

/** Resolves whatever Fly incident is open in `on`, then opens a new one for the first lookout-runtime machine. */
async function newRuntimeIncident(e: Env, on: PrismaClient): Promise<{ ctx: AutofixContext; machineId: string }> {
  simulator().reset();
  await cycle(e, on);
  const machineId = failMachine("lookout-runtime", 0);
  return { ctx: ctxOf(await flyWake(e, on)), machineId };
}

const restarts = () => simulator().state.fly.restarts.map((r) => `${r.app}/${r.machineId}`);
const refusedAs = (rule: string) => expect.objectContaining({ outcome: "refused", rule });

beforeAll(() => toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db }));
afterAll(() => toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db }));

beforeEach(async () => {
  // Every vendor healthy again: a cycle resolves whatever incident an earlier test left open.
  simulator().reset();
  await cycle(env());
});

describe("the autofix cooldown", () => {
  it("holds the app that was restarted, not another app", async () => {
    const cooling = env({ LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30" });
    // A day ahead of the clock, so only this test's restarts are inside its window.
    const t0 = Date.now() + 24 * 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);

    const runtime = failMachine("lookout-runtime", 0);
    const first = await flyWake(cooling);
    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: runtime }, ctxOf(first), { db, env: cooling, now: at(0) })).toMatchObject({ outcome: "succeeded" });
    expect(restarts()).toEqual([`lookout-runtime/${runtime}`]);

    // Resolved, then a new incident ten minutes later reporting one machine in each app (reset() also
    // empties the simulator's restart log).
    simulator().reset();
    await cycle(cooling);
    failMachine("lookout-runtime", 0);
    const staging = failMachine("lookout-staging", 0);
    const second = await flyWake(cooling);
    expect(second.sessionId).not.toBe(first.sessionId);

    // The restarted app is still cooling down…
    const sameApp = await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: runtime }, ctxOf(second), { db, env: cooling, now: at(10) });
    expect(sameApp).toEqual(refusedAs("app_cooldown"));
    // …the other app is not.
    const otherApp = await restartUnhealthyMachine({ app: "lookout-staging", machine_id: staging }, ctxOf(second), { db, env: cooling, now: at(10) });
    expect(otherApp).toMatchObject({ outcome: "succeeded", app: "lookout-staging", machineId: staging });
    expect(restarts()).toEqual([`lookout-staging/${staging}`]);
  });

  it("names the app's latest restart, and holds for exactly the cooldown after it", () =>
    withOwnDatabase("autofix-cooldown-latest", async (own) => {
      const t0 = Date.now();
      const at = (minutes: number, ms = 0) => new Date(t0 + minutes * 60_000 + ms);
      const request = (machineId: string) => ({ app: "lookout-runtime", machine_id: machineId });
      // Two restarts five minutes apart while the cooldown was 0; then the operator sets it to 30.
      for (const minute of [0, 5]) {
        const { ctx, machineId } = await newRuntimeIncident(env(), own);
        expect(await restartUnhealthyMachine(request(machineId), ctx, { db: own, env: env(), now: at(minute) })).toMatchObject({ outcome: "succeeded" });
      }
      const cooling = env({ LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30" });
      const { ctx, machineId } = await newRuntimeIncident(cooling, own);
      const message = `App lookout-runtime had a machine restarted at ${at(5).toISOString()}; the cooldown is 30 min between restarts of one app.`;

      expect(await restartUnhealthyMachine(request(machineId), ctx, { db: own, env: cooling, now: at(20) })).toMatchObject({ rule: "app_cooldown", message });
      expect(await restartUnhealthyMachine(request(machineId), ctx, { db: own, env: cooling, now: at(35) })).toMatchObject({ rule: "app_cooldown", message });
      expect(await restartUnhealthyMachine(request(machineId), ctx, { db: own, env: cooling, now: at(35, 1) })).toMatchObject({ outcome: "succeeded" });
      expect(restarts()).toEqual([`lookout-runtime/${machineId}`]);
    }));

  it("is started by a restart, not by a refused attempt on the same app", () =>
    withOwnDatabase("autofix-cooldown-refused", async (own) => {
      const cooling = env({ LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30" });
      const t0 = Date.now();
      const { ctx, machineId } = await newRuntimeIncident(cooling, own);
      const healthy = simulator().state.fly.apps.find((a) => a.name === "lookout-runtime")!.machines[1]!.id;

      const wrongMachine = await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: healthy }, ctx, { db: own, env: cooling, now: new Date(t0) });
      expect(wrongMachine).toEqual(refusedAs("machine_reported_unhealthy"));
      const malformed = await restartUnhealthyMachine({ app: "lookout-runtime" }, ctx, { db: own, env: cooling, now: new Date(t0) });
      expect(malformed).toEqual(refusedAs("invalid_request"));

      const oneMinuteLater = new Date(t0 + 60_000);
      expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: machineId }, ctx, { db: own, env: cooling, now: oneMinuteLater })).toMatchObject({ outcome: "succeeded" });
      expect(restarts()).toEqual([`lookout-runtime/${machineId}`]);
    }));
});

describe("one restart per incident", () => {
  it("still holds after more refused attempts than one read of the log returns", () =>
    withOwnDatabase("autofix-once-many-refusals", async (own) => {
      const { ctx, machineId } = await newRuntimeIncident(env(), own);
      const request = { app: "lookout-runtime", machine_id: machineId };
      expect(await restartUnhealthyMachine(request, ctx, { db: own, env: env() })).toMatchObject({ outcome: "succeeded" });
      // A model retrying in a loop: 600 refusals written after the restart, newer than it.
      const refused = { outcome: "refused", rule: "app_cooldown", app: "lookout-runtime", machine_id: machineId, reason: null, message: "cooling down" } as const;
      await own.$transaction((tx) =>
        writeAuditEvents(
          tx,
          Array.from({ length: 600 }, () => ({ seam: autofixSeam, actor: "lookout:investigator", sessionId: ctx.sessionId, probe: "fly", details: refused })),
        ),
      );
      simulator().reset();
      failMachine("lookout-runtime", 0);
      expect(await restartUnhealthyMachine(request, ctx, { db: own, env: env() })).toEqual(refusedAs("one_restart_per_incident"));
      expect(restarts()).toEqual([]);
    }));
});

describe("a restart is bound to the incident's own snapshot", () => {
  it("refuses a machine that only another incident's snapshot reported", async () => {
    const e = env();
    const runtime = failMachine("lookout-runtime", 0);
    const older = await flyWake(e);
    simulator().reset();
    await cycle(e);
    const staging = failMachine("lookout-staging", 0);
    const newer = await flyWake(e);
    expect(newer.sessionId).not.toBe(older.sessionId);

    // The older incident may not reach a machine the newest Fly snapshot reported…
    expect(await restartUnhealthyMachine({ app: "lookout-staging", machine_id: staging }, ctxOf(older), { db, env: e })).toEqual(refusedAs("machine_reported_unhealthy"));
    // …nor the newer one a machine an older snapshot reported…
    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: runtime }, ctxOf(newer), { db, env: e })).toEqual(refusedAs("machine_reported_unhealthy"));
    // …nor a context that pairs this incident's wake with the other incident's snapshot.
    const mixed = { ...ctxOf(newer), snapshotId: older.snapshotId };
    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: runtime }, mixed, { db, env: e })).toEqual(refusedAs("machine_reported_unhealthy"));
    expect(restarts()).toEqual([]);

    // Its own machine is still allowed.
    expect(await restartUnhealthyMachine({ app: "lookout-staging", machine_id: staging }, ctxOf(newer), { db, env: e })).toMatchObject({ outcome: "succeeded" });
    expect(restarts()).toEqual([`lookout-staging/${staging}`]);
  });

  it("refuses a machine that an earlier cycle of the same incident reported, but this wake's snapshot does not", async () => {
    const e = env();
    const first = failMachine("lookout-runtime", 0);
    const wake1 = await flyWake(e);
    // Next cycle: that machine is back, its sibling has failed; the incident goes on.
    simulator().reset();
    const second = failMachine("lookout-runtime", 1);
    const wake2 = await flyWake(e);
    expect(wake2.sessionId).toBe(wake1.sessionId);
    expect(wake2.snapshotId).not.toBe(wake1.snapshotId);

    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: first }, ctxOf(wake2), { db, env: e })).toEqual(refusedAs("machine_reported_unhealthy"));
    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: second }, ctxOf(wake1), { db, env: e })).toEqual(refusedAs("machine_reported_unhealthy"));
    expect(restarts()).toEqual([]);

    expect(await restartUnhealthyMachine({ app: "lookout-runtime", machine_id: second }, ctxOf(wake2), { db, env: e })).toMatchObject({ outcome: "succeeded" });
    expect(restarts()).toEqual([`lookout-runtime/${second}`]);
  });
});
