import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimWakes, renewWakeLease } from "@/lib/wake/claim-wakes";
import { clearIncidentRows } from "../helpers/clear-incident-rows";

// Which wakes a consumer may take, and that a wake is only ever held by one consumer. Rows are written
// directly: this pins the claim itself, whatever produced the wakes.

const T0 = new Date("2026-11-30T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

async function wake(id: string, data: { createdAt: Date; status?: string; nextAttemptAt?: Date; leaseOwner?: string; leaseExpiresAt?: Date }) {
  await db.wake.create({
    data: {
      id,
      incidentId: "incident-1",
      sessionId: "probe:fly:service_degraded:incident-1",
      probe: "fly",
      category: "service_degraded",
      severity: "warning",
      snapshotId: `snapshot-${id}`,
      nextAttemptAt: data.createdAt,
      ...data,
    },
  });
}

beforeEach(async () => {
  await clearIncidentRows(db);
  await db.incident.create({
    data: {
      id: "incident-1",
      sessionId: "probe:fly:service_degraded:incident-1",
      probe: "fly",
      category: "service_degraded",
      severity: "warning",
      title: "Fly machine unhealthy",
      detail: "one machine failed its check",
      openedAt: T0,
      lastSeenAt: T0,
      openKey: "fly:service_degraded",
    },
  });
});

describe("claimWakes", () => {
  it("takes due wakes oldest first, at most `limit`, and leases each to the claimer", async () => {
    // Inserted out of order, so only the orderBy can put them oldest first.
    await wake("w-mid", { createdAt: at(-20) });
    await wake("w-new", { createdAt: at(-10) });
    await wake("w-old", { createdAt: at(-30) });

    const first = await claimWakes(db, { owner: "consumer:a", limit: 2, now: T0, leaseMs: 30_000 });
    expect(first.map((w) => w.id)).toEqual(["w-old", "w-mid"]);
    for (const w of first) expect(w).toMatchObject({ status: "processing", leaseOwner: "consumer:a", attempts: 1, leaseExpiresAt: at(30) });
    expect(await db.wake.findUniqueOrThrow({ where: { id: "w-new" } })).toMatchObject({ status: "pending", attempts: 0, leaseOwner: null });

    const rest = await claimWakes(db, { owner: "consumer:a", limit: 2, now: T0, leaseMs: 30_000 });
    expect(rest.map((w) => w.id)).toEqual(["w-new"]);
  });

  it("leaves wakes that are not due: backing off, leased to a live consumer, or finished", async () => {
    await wake("backing-off", { createdAt: at(-60), nextAttemptAt: at(5) });
    await wake("leased", { createdAt: at(-60), status: "processing", leaseOwner: "consumer:b", leaseExpiresAt: at(10) });
    for (const status of ["done", "failed", "debounced"]) await wake(status, { createdAt: at(-60), status });
    await wake("lease-ran-out", { createdAt: at(-50), status: "processing", leaseOwner: "consumer:dead", leaseExpiresAt: at(-1) });

    const claimed = await claimWakes(db, { owner: "consumer:a", limit: 20, now: T0, leaseMs: 30_000 });
    expect(claimed.map((w) => w.id)).toEqual(["lease-ran-out"]);
    expect(claimed[0]).toMatchObject({ leaseOwner: "consumer:a" });

    // Once its backoff has passed, the wake is due.
    expect((await claimWakes(db, { owner: "consumer:a", limit: 20, now: at(5), leaseMs: 30_000 })).map((w) => w.id)).toEqual(["backing-off"]);
  });

  it("never hands one wake to two consumers claiming at the same moment", async () => {
    for (let i = 0; i < 12; i++) await wake(`w-${String(i).padStart(2, "0")}`, { createdAt: at(-100 + i) });
    const [a, b] = await Promise.all([
      claimWakes(db, { owner: "consumer:a", limit: 20, now: T0, leaseMs: 30_000 }),
      claimWakes(db, { owner: "consumer:b", limit: 20, now: T0, leaseMs: 30_000 }),
    ]);
    const ids = [...a, ...b].map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    for (const w of a) expect(w.leaseOwner).toBe("consumer:a");
    for (const w of b) expect(w.leaseOwner).toBe("consumer:b");
    expect(await db.wake.aggregate({ _sum: { attempts: true } })).toMatchObject({ _sum: { attempts: 12 } });
  });
});

describe("renewWakeLease", () => {
  it("extends the lease only for the consumer holding the wake", async () => {
    await wake("w", { createdAt: at(-10) });
    await claimWakes(db, { owner: "consumer:a", limit: 1, now: T0, leaseMs: 30_000 });

    expect(await renewWakeLease(db, { id: "w", owner: "consumer:b", now: at(10), leaseMs: 30_000 })).toBe(false);
    expect((await db.wake.findUniqueOrThrow({ where: { id: "w" } })).leaseExpiresAt).toEqual(at(30));

    expect(await renewWakeLease(db, { id: "w", owner: "consumer:a", now: at(10), leaseMs: 30_000 })).toBe(true);
    expect((await db.wake.findUniqueOrThrow({ where: { id: "w" } })).leaseExpiresAt).toEqual(at(40));
  });
});
