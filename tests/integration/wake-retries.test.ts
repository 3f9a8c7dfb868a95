import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { injectWriteFault, removeWriteFault } from "../helpers/db-faults";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// A wake whose processing keeps failing is released with a backoff (never claimed again at once) and
// marked failed after LOOKOUT_WAKE_MAX_ATTEMPTS. Slack and Anthropic failures never make a wake fail
// (they end in failed_send or the fallback), so the failure here is the database itself: a trigger in
// this file's own database refuses to store the investigation. Time moves through the wake's own
// nextAttemptAt, handed to the consumer as its clock.

const simulator = withSimulator();
const MAX_ATTEMPTS = 3;
const env = () => simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0", LOOKOUT_WAKE_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });

/** One cycle over a failing Fly machine; its wake. */
async function flyOutageWake(e: ReturnType<typeof env>) {
  simulator().applyScenario("fly-machine-fails");
  const cycle = await runProbeCycle({ trigger: "manual", env: e, db });
  if (!cycle.ok) throw new Error(cycle.message);
  return db.wake.findFirstOrThrow({ where: { probe: "fly" } });
}

const investigationsFault = { name: "refuse_investigations", table: "Investigation", operation: "INSERT", message: "investigations refused by the test database" } as const;
const refuseInvestigations = () => injectWriteFault(db, investigationsFault);
const acceptInvestigations = () => removeWriteFault(db, investigationsFault);

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  await db.investigation.deleteMany();
  await db.wake.deleteMany();
  await db.incident.deleteMany();
});
afterEach(async () => {
  await acceptInvestigations();
  vi.restoreAllMocks();
});

describe("a wake that keeps failing", () => {
  it("backs off between attempts and is marked failed after LOOKOUT_WAKE_MAX_ATTEMPTS", async () => {
    const e = env();
    const { id } = await flyOutageWake(e);
    const wake = () => db.wake.findUniqueOrThrow({ where: { id } });
    await refuseInvestigations();

    // First attempt fails: the wake goes back to pending, due only later.
    const t0 = new Date();
    expect(await consumeWakes({ db, env: e, now: () => t0 })).toMatchObject({ investigated: 0, retried: 1, failed: 0 });
    const first = await wake();
    expect(first).toMatchObject({ status: "pending", attempts: 1, leaseOwner: null, lastError: expect.stringContaining("investigations refused") });
    const firstDelay = first.nextAttemptAt.getTime() - t0.getTime();
    expect(firstDelay).toBe(5_000);
    expect(console.error).toHaveBeenLastCalledWith(`[lookout] wake ${id} (${first.sessionId}) attempt 1 failed: ${first.lastError}`);

    // Not retried at once: a consumer at the same moment (a sweep right after) leaves it alone.
    expect(await consumeWakes({ db, env: e, now: () => t0 })).toMatchObject({ retried: 0, failed: 0 });
    expect((await wake()).attempts).toBe(1);

    // Once due, the second attempt fails too, and waits longer before the next.
    const t1 = first.nextAttemptAt;
    expect(await consumeWakes({ db, env: e, now: () => t1 })).toMatchObject({ retried: 1, failed: 0 });
    const second = await wake();
    expect(second).toMatchObject({ status: "pending", attempts: 2 });
    expect(second.nextAttemptAt.getTime() - t1.getTime()).toBe(10_000);

    // The last allowed attempt fails: the wake is failed for good.
    const t2 = second.nextAttemptAt;
    expect(await consumeWakes({ db, env: e, now: () => t2 })).toMatchObject({ retried: 0, failed: 1 });
    expect(await wake()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(console.error).toHaveBeenLastCalledWith(expect.stringMatching(new RegExp(`^\\[lookout\\] wake ${id} \\(.+\\) attempt 3 failed, giving up: .*investigations refused`)));

    // Even once the database would accept it and any backoff has long passed, a failed wake is not taken again.
    await acceptInvestigations();
    const later = new Date(t2.getTime() + 24 * 60 * 60_000);
    expect(await consumeWakes({ db, env: e, now: () => later })).toMatchObject({ investigated: 0, retried: 0, failed: 0 });
    expect(await wake()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await db.investigation.count()).toBe(0);
    expect(simulator().state.slack.messages).toHaveLength(0);
  });
});

describe("releasing a failed wake for a retry", () => {
  it("touches only that wake: one another consumer holds meanwhile is left exactly as it was", async () => {
    const e = env();
    const failing = await flyOutageWake(e);
    const t0 = new Date();
    // A later wake of the same incident, which another consumer is working on right now.
    const held = await db.wake.create({
      data: {
        incidentId: failing.incidentId,
        sessionId: failing.sessionId,
        snapshotId: failing.snapshotId,
        probe: failing.probe,
        category: failing.category,
        severity: failing.severity,
        nextAttemptAt: failing.nextAttemptAt,
        status: "processing",
        attempts: 1,
        leaseOwner: "other-consumer",
        leaseExpiresAt: new Date(t0.getTime() + 60_000),
        createdAt: new Date(failing.createdAt.getTime() + 1),
      },
    });
    await refuseInvestigations();

    expect(await consumeWakes({ db, env: e, now: () => t0 })).toMatchObject({ retried: 1, failed: 0 });
    expect(await db.wake.findUniqueOrThrow({ where: { id: held.id } })).toEqual(held);
    expect(await db.wake.count({ where: { status: "pending", lastError: { contains: "investigations refused" } } })).toBe(1);
  });
});

describe("a wake retried after its investigation was stored", () => {
  it("is not investigated again: the retry sends the stored result, once", async () => {
    const e = env();
    await flyOutageWake(e);
    // The investigation is stored, then writing its DM to the outbox fails: the wake goes back for a retry.
    const lift = await injectWriteFault(db, { name: "refuse_dms", table: "DmMessage", operation: "INSERT", message: "outbox refused by the test database" });
    const t0 = new Date();
    try {
      expect(await consumeWakes({ db, env: e, now: () => t0 })).toMatchObject({ investigated: 0, retried: 1 });
    } finally {
      await lift();
    }
    const stored = await db.investigation.findFirstOrThrow();
    const asked = simulator().requests().filter((r) => r.vendor === "anthropic").length;
    expect(asked).toBeGreaterThan(0);

    const { nextAttemptAt } = await db.wake.findFirstOrThrow();
    expect(await consumeWakes({ db, env: e, now: () => nextAttemptAt })).toMatchObject({ investigated: 1, retried: 0 });
    expect(simulator().requests().filter((r) => r.vendor === "anthropic")).toHaveLength(asked);
    expect(await db.investigation.findMany()).toEqual([{ ...stored, dmStatus: "sent" }]);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(await db.wake.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 2 });
  });
});
