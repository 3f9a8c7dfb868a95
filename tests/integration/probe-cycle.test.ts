import { beforeEach, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { probeNames } from "@/lib/probes/types";
import { injectWriteFault } from "../helpers/db-faults";
import { databaseEnv, simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();
/** The lease row stays (it remembers when the last cycle started) but is free: it expires no later than now. */
async function expectLeaseReleased() {
  const lease = await db.cycleLease.findUniqueOrThrow({ where: { name: "probe-cycle" } });
  expect(lease.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
}
beforeEach(async () => {
  simulator().reset();
  simulator().clearRequests();
  await db.probeCycle.deleteMany();
  await db.cycleLease.deleteMany();
});

describe("runProbeCycle against the simulator", () => {
  it("stores one cycle with one healthy snapshot per probe", async () => {
    const result = await runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url) });
    expect(result.ok).toBe(true);
    const cycles = await db.probeCycle.findMany({ include: { snapshots: true } });
    expect(cycles).toHaveLength(1);
    const snapshots = cycles[0]!.snapshots;
    expect(snapshots.map((s) => s.probe).sort()).toEqual([...probeNames].sort());
    for (const s of snapshots) {
      expect({ probe: s.probe, status: s.status, error: s.error }).toEqual({ probe: s.probe, status: "healthy", error: null });
    }
    const fly = JSON.parse(snapshots.find((s) => s.probe === "fly")!.details);
    expect(fly).toMatchObject({ apps_total: 2, apps_reachable: 2, machines_started: 3, machines_unhealthy: 0 });
    await expectLeaseReleased();
  });

  it("records five unconfigured snapshots and calls no vendor when no credentials are set", async () => {
    const env = parseEnv(databaseEnv());
    const result = await runProbeCycle({ trigger: "manual", env });
    expect(result.ok && result.cycle.snapshots.map((s) => s.status)).toEqual(Array(5).fill("unconfigured"));
    expect(simulator().requests()).toHaveLength(0);
    expect(await db.probeSnapshot.count({ where: { status: "unconfigured" } })).toBe(5);
  });

  it("reflects a scenario change in the next cycle", async () => {
    simulator().applyScenario("fly-machine-fails");
    const result = await runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url) });
    expect(result.ok).toBe(true);
    const fly = await db.probeSnapshot.findFirstOrThrow({ where: { probe: "fly" } });
    expect(fly.status).toBe("degraded");
    expect(JSON.parse(fly.details)).toMatchObject({ machines_unhealthy: 1 });
  });

  it("lets exactly one of two concurrent triggers run and tells the other why", async () => {
    simulator().setLatency("vercel", 300);
    const env = simulatedEnv(simulator().url);
    const results = await Promise.all([runProbeCycle({ trigger: "cron", env }), runProbeCycle({ trigger: "manual", env })]);
    const ran = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: "cycle_in_progress", message: expect.stringMatching(/already running/) });
    expect(await db.probeCycle.count()).toBe(1);
    expect(await db.probeSnapshot.count()).toBe(5);
  });

  it("keeps its lease through a cycle longer than the lease: a trigger meanwhile is refused, not let in", async () => {
    const env = simulatedEnv(simulator().url, { LOOKOUT_LEASE_SECONDS: "0.3" });
    simulator().setLatency("vercel", 1_000);
    const slow = runProbeCycle({ trigger: "scheduler", env });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await runProbeCycle({ trigger: "manual", env })).toMatchObject({ ok: false, reason: "cycle_in_progress" });
    expect(await slow).toMatchObject({ ok: true, coalesced: false });
    expect(await db.probeCycle.count()).toBe(1);
  });

  it("takes over a stale lease left by a crashed cycle, but not a live one", async () => {
    const env = simulatedEnv(simulator().url);
    const long = new Date(Date.now() - 3_600_000);
    await db.cycleLease.create({ data: { name: "probe-cycle", holder: "crashed", trigger: "cron", acquiredAt: long, expiresAt: new Date(long.getTime() + 60_000) } });
    expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);

    const live = { holder: "live", trigger: "cron", acquiredAt: new Date(), expiresAt: new Date(Date.now() + 60_000) };
    await db.cycleLease.update({ where: { name: "probe-cycle" }, data: live });
    const refused = await runProbeCycle({ trigger: "manual", env });
    expect(refused).toMatchObject({ ok: false, reason: "cycle_in_progress" });
    expect(await db.probeCycle.count()).toBe(1);
  });

  it("writes nothing when storing a snapshot fails midway (cycle and snapshots are atomic)", async () => {
    const lift = await injectWriteFault(db, { name: "fail_doppler", table: "ProbeSnapshot", operation: "INSERT", message: "disk full", when: { column: "probe", equals: "doppler" } });
    try {
      await expect(runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url) })).rejects.toThrow();
      expect(await db.probeCycle.count()).toBe(0);
      expect(await db.probeSnapshot.count()).toBe(0);
      await expectLeaseReleased();
    } finally {
      await lift();
    }
  });
});
