import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { goTogether, startLookoutProcess, stopAll, type LookoutProcess } from "../helpers/lookout-process";

// Every instance runs the embedded scheduler; on one database they run one cycle per interval between them,
// and an instance alone still runs one on every tick.

const INTERVAL_MS = 2_000;
// A scheduler tick is coalesced for the interval less a fifth of it (the tolerance for a late tick).
const SPACING_MS = INTERVAL_MS - INTERVAL_MS / 5;
let instances: LookoutProcess[] = [];

beforeEach(async () => {
  await db.probeCycle.deleteMany();
  await db.cycleLease.deleteMany();
});
afterEach(() => stopAll(instances));
afterAll(() => db.$disconnect());

// No vendor configured: a cycle is a few database writes, far shorter than the offsets between the
// instances' ticks, so a tick that ran no cycle was coalesced, not merely refused while one ran.
function startInstances(count: number): LookoutProcess[] {
  const env = { LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" };
  instances = Array.from({ length: count }, () => startLookoutProcess("scheduler-process.ts", [String(INTERVAL_MS)], env));
  return instances;
}

/** The ticks an instance logged so far: a cycle it ran, or one it coalesced into (or was refused). */
const ticks = (instance: LookoutProcess) => instance.lines.filter((l) => l.startsWith("[lookout] probe cycle"));
const ran = (instance: LookoutProcess) => ticks(instance).filter((l) => /^\[lookout\] probe cycle \S+ \(scheduler\)/.test(l));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cycleStarts = async () => (await db.probeCycle.findMany({ where: { trigger: "scheduler" }, orderBy: { startedAt: "asc" } })).map((c) => c.startedAt.getTime());

describe("the embedded scheduler on several instances", () => {
  it("three instances ticking at offsets within the interval run one cycle per interval between them", async () => {
    const three = startInstances(3);
    await goTogether(three, [0, INTERVAL_MS / 3, (2 * INTERVAL_MS) / 3]);
    // Wait until every instance has ticked four times, then stop them before they tick again.
    await until("four ticks from each instance", () => three.every((i) => ticks(i).length >= 4), 50_000);
    stopAll(three);
    await Promise.all(three.map((i) => i.exited));

    const starts = await cycleStarts();
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    // Never two cycles within one interval (less the tolerance for a late tick)...
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(SPACING_MS);
    // ...and one in each interval: as many cycles as any one instance's ticks, less one in flight when they
    // stopped and one the others' ticks found still running.
    const fewest = Math.min(...three.map((i) => ticks(i).length));
    expect(starts.length).toBeGreaterThanOrEqual(fewest - 2);
    expect(starts.length).toBeLessThanOrEqual(fewest + 1);
    // The cycles are the instances' own (one may have been stored just before its instance stopped, unlogged).
    expect(starts.length - three.flatMap(ran).length).toBeOneOf([0, 1]);
  }, 60_000);

  it("an instance alone runs a cycle on every tick", async () => {
    const [alone] = startInstances(1);
    await goTogether([alone!]);
    await until("four ticks", () => ticks(alone!).length >= 4, 50_000);
    stopAll([alone!]);
    await alone!.exited;

    expect(ticks(alone!)).toEqual(ran(alone!));
    expect((await cycleStarts()).length - ticks(alone!).length).toBeOneOf([0, 1]);
  }, 60_000);
});
