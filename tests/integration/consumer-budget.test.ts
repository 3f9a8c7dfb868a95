import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { consumeWakes, WAKE_CLAIM_MARGIN_MS } from "@/lib/wake/consume-wakes";
import type { TimeBudget } from "@/lib/time-budget";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// On Vercel the consumer runs after the cron response, inside the function's maxDuration. Time here is
// the work done: each investigation the simulated model is asked to start uses 30 s of the budget.

const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0" });
const investigationsStarted = () =>
  simulator()
    .requests()
    .filter((r) => r.vendor === "anthropic" && (JSON.parse(String(r.body)) as { messages: unknown[] }).messages.length === 1).length;

/** Enough for two investigations: the third would start with less than the claim margin left. */
const twoInvestigationsBudget: TimeBudget = { remainingMs: () => WAKE_CLAIM_MARGIN_MS + 45_000 - 30_000 * investigationsStarted() };

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
});

describe("a consumer pass with a time budget", () => {
  it("stops claiming near its end, leaves the rest pending with attempts unspent, and the next pass finishes them, each wake once", async () => {
    for (const scenario of ["fly-machine-fails", "vercel-errors-rise", "sentry-pileup", "secret-ages"] as const) simulator().applyScenario(scenario);
    const e = env();
    const cycle = await runProbeCycle({ trigger: "cron", env: e, db });
    expect(cycle.ok).toBe(true);
    expect(await db.wake.count({ where: { status: "pending" } })).toBe(4);

    const first = await consumeWakes({ db, env: e, budget: twoInvestigationsBudget });
    expect(first).toMatchObject({ investigated: 2, retried: 0, failed: 0, outOfTime: 1 });
    const afterFirst = await db.wake.findMany({ orderBy: { createdAt: "asc" } });
    expect(afterFirst.filter((w) => w.status === "done")).toHaveLength(2);
    const left = afterFirst.filter((w) => w.status !== "done");
    expect(left).toHaveLength(2);
    for (const wake of left) expect(wake).toMatchObject({ status: "pending", attempts: 0, leaseOwner: null, lastError: null });

    const second = await consumeWakes({ db, env: e });
    expect(second).toMatchObject({ investigated: 2, failed: 0, outOfTime: 0 });
    const wakes = await db.wake.findMany();
    expect(wakes.map((w) => [w.status, w.attempts])).toEqual(wakes.map(() => ["done", 1]));
    for (const wake of wakes) expect(await db.investigation.count({ where: { wakeId: wake.id } })).toBe(1);
    expect(investigationsStarted()).toBe(4);
    expect(simulator().state.slack.messages).toHaveLength(4);
  });

  it("claims nothing when the budget is already below the margin, and leaves every wake as it was", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = env();
    await runProbeCycle({ trigger: "cron", env: e, db });
    const before = await db.wake.findFirstOrThrow();

    const summary = await consumeWakes({ db, env: e, budget: { remainingMs: () => WAKE_CLAIM_MARGIN_MS - 1 } });
    expect(summary).toMatchObject({ investigated: 0, outOfTime: 1 });
    expect(await db.wake.findFirstOrThrow()).toEqual(before);
    expect(investigationsStarted()).toBe(0);
  });
});
