import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { claimWakes } from "@/lib/wake/claim-wakes";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { processWake } from "@/lib/wake/process-wake";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Two instances each consuming one wake of the same incident: the debounce only sees stored investigations,
// so the later wake must wait for the one in flight elsewhere instead of investigating (and DMing) again.
const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "600", LOOKOUT_AI_MAX_RETRIES: "0" });

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
  simulator().applyScenario("fly-machine-fails");
  for (let i = 0; i < 2; i++) await runProbeCycle({ trigger: "manual", env: env(), db });
});

describe("a wake whose issue another consumer is investigating", () => {
  it("is put back until that lease is up, without using an attempt, then debounced: one investigation, one DM", async () => {
    const start = new Date();
    const [first] = await claimWakes(db, { owner: "other-instance", limit: 1, now: start, leaseMs: 5_000 });

    expect(await consumeWakes({ db, env: env(), now: () => start })).toMatchObject({ investigated: 0, deferred: 1 });
    const second = await db.wake.findFirstOrThrow({ where: { id: { not: first!.id } } });
    expect(second).toMatchObject({ status: "pending", attempts: 0, leaseOwner: null, nextAttemptAt: first!.leaseExpiresAt });
    expect(await db.investigation.count()).toBe(0);

    expect(await processWake(db, env(), first!, start)).toBe("investigated");
    const later = new Date(start.getTime() + 5_001);
    expect(await consumeWakes({ db, env: env(), now: () => later })).toMatchObject({ debounced: 1, deferred: 0 });

    expect(await db.investigation.count()).toBe(1);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(await db.wake.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "debounced", attempts: 1 });
  });

  it("of two wakes claimed at once by two consumers, the older goes ahead", async () => {
    const now = new Date();
    const [older] = await claimWakes(db, { owner: "instance-a", limit: 1, now, leaseMs: 5_000 });
    const [newer] = await claimWakes(db, { owner: "instance-b", limit: 1, now, leaseMs: 5_000 });
    expect(older!.createdAt.getTime()).toBeLessThan(newer!.createdAt.getTime());

    // The newer one, held by the other consumer, does not hold the older one back; it is then debounced.
    expect(await processWake(db, env(), older!, now)).toBe("investigated");
    expect(await processWake(db, env(), newer!, now)).toBe("debounced");
    expect(await db.investigation.count()).toBe(1);
  });
});
