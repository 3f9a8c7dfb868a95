import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquireCycleLease, releaseCycleLease, renewCycleLease } from "@/lib/cycle/lease";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { db } from "@/lib/db";
import { databaseNow } from "@/lib/db/dialect";
import { claimDm } from "@/lib/slack/outbox-records";
import { claimWakes, renewWakeLease } from "@/lib/wake/claim-wakes";
import { clearIncidentRows } from "../helpers/clear-incident-rows";

// Instances on PostgreSQL each have their own clock. A lease written by one whose clock is an hour off must
// be judged like anyone else's: by the database's clock. (On SQLite every process shares the box's clock.)

const HOUR = 3_600_000;
const LEASE_MS = 60_000;

/** Runs `work` as an instance whose clock is `offsetMs` off: only Date is faked, the database keeps its own. */
async function asInstanceOff<T>(offsetMs: number, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + offsetMs });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

/** Within a few seconds of the database's now: written on its clock, not the skewed instance's. */
async function expectNearDatabaseNow(at: Date | null | undefined, plusMs = 0) {
  const now = (await databaseNow(db)).getTime() + plusMs;
  expect(Math.abs(at!.getTime() - now)).toBeLessThan(10_000);
}

afterEach(() => vi.useRealTimers());

describe.runIf(databaseProvider(process.env.DATABASE_URL!) === "postgres")("leases judged by the database's clock", () => {
  beforeEach(async () => {
    await db.cycleLease.deleteMany();
    await clearIncidentRows(db);
  });

  it("a cycle lease taken by an instance an hour behind is held: an instance on time cannot start a second cycle", async () => {
    const behind = await asInstanceOff(-HOUR, async () => {
      const lease = await acquireCycleLease(db, { holder: "behind", trigger: "scheduler", ttlMs: LEASE_MS });
      // Its renewal too: on its own clock it would push the expiry an hour into the past.
      return { lease, renewed: await renewCycleLease(db, "behind", { ttlMs: LEASE_MS }) };
    });
    expect(behind).toMatchObject({ lease: { acquired: true }, renewed: true });
    await expectNearDatabaseNow((await db.cycleLease.findUniqueOrThrow({ where: { name: "probe-cycle" } })).expiresAt, LEASE_MS);

    expect(await acquireCycleLease(db, { holder: "on-time", trigger: "cron", ttlMs: LEASE_MS })).toMatchObject({ acquired: false, reason: "held" });
    expect(await db.cycleLease.findUniqueOrThrow({ where: { name: "probe-cycle" } })).toMatchObject({ holder: "behind" });
  });

  it("a cycle lease released by an instance an hour ahead is free at once for the others", async () => {
    await asInstanceOff(HOUR, async () => {
      expect(await acquireCycleLease(db, { holder: "ahead", trigger: "scheduler", ttlMs: LEASE_MS })).toMatchObject({ acquired: true });
      await releaseCycleLease(db, "ahead");
    });
    // On its own clock, the lease would stay "held" (and its start too recent to space against) for an hour.
    expect(await acquireCycleLease(db, { holder: "on-time", trigger: "manual", ttlMs: LEASE_MS })).toMatchObject({ acquired: true });
  });

  it("a wake claimed by a consumer an hour behind is not taken over by one on time while its lease runs", async () => {
    const dbNow = await databaseNow(db);
    await db.incident.create({
      data: { id: "i-1", sessionId: "s-1", probe: "fly", category: "service_degraded", severity: "warning", title: "t", detail: "d", openedAt: dbNow, lastSeenAt: dbNow },
    });
    await db.wake.create({
      data: { id: "w-1", incidentId: "i-1", sessionId: "s-1", probe: "fly", category: "service_degraded", severity: "warning", snapshotId: "snap", createdAt: dbNow, nextAttemptAt: dbNow },
    });

    const claimed = await asInstanceOff(-HOUR, async () => {
      const wakes = await claimWakes(db, { owner: "consumer:behind", limit: 5, leaseMs: LEASE_MS });
      await renewWakeLease(db, { id: "w-1", owner: "consumer:behind", leaseMs: LEASE_MS });
      return wakes;
    });
    expect(claimed.map((w) => w.id)).toEqual(["w-1"]);
    await expectNearDatabaseNow((await db.wake.findUniqueOrThrow({ where: { id: "w-1" } })).leaseExpiresAt, LEASE_MS);

    expect(await claimWakes(db, { owner: "consumer:on-time", limit: 5, leaseMs: LEASE_MS })).toEqual([]);
    expect(await db.wake.findUniqueOrThrow({ where: { id: "w-1" } })).toMatchObject({ leaseOwner: "consumer:behind", attempts: 1 });
  });

  it("a DM claimed by a delivery an hour behind is not claimed again by one on time", async () => {
    const dbNow = await databaseNow(db);
    await db.dmMessage.create({ data: { sessionId: "s-1", dedupeKey: "investigation:w-1", kind: "investigation", text: "hello", status: "queued", nextAttemptAt: dbNow, createdAt: dbNow } });

    const behind = await asInstanceOff(-HOUR, () => claimDm(db, "investigation:w-1", { owner: "outbox:behind", leaseMs: LEASE_MS }));
    expect(behind).toMatchObject({ status: "sending", leaseOwner: "outbox:behind" });
    await expectNearDatabaseNow(behind!.leaseExpiresAt, LEASE_MS);

    expect(await claimDm(db, "investigation:w-1", { owner: "outbox:on-time", leaseMs: LEASE_MS })).toBeNull();
    expect(await db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: "investigation:w-1" } })).toMatchObject({ leaseOwner: "outbox:behind", attempts: 1 });
  });
});
