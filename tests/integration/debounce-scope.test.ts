import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { isDebounced } from "@/lib/wake/debounce";
import { simulatedEnv } from "../helpers/lookout-env";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { withSimulator } from "../helpers/with-simulator";

// What the debounce window covers: only later wakes of the same (probe, category), and with the critical
// bypass on, still every warning. Driven through real cycles and the real consumer, with the default
// 600 s window, so every wake here falls inside the window of the investigation before it.

const simulator = withSimulator();
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0", ...overrides });

async function cycle(e: Env, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const result = await runProbeCycle({ trigger: "manual", env: e, db });
    if (!result.ok) throw new Error(result.message);
  }
}

/** Each wake as probe:category:severity -> status, oldest first. */
async function wakeOutcomes(): Promise<string[]> {
  const wakes = await db.wake.findMany({ orderBy: { createdAt: "asc" } });
  return wakes.map((w) => `${w.probe}:${w.category}:${w.severity} -> ${w.status}`);
}

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
});

/** The fault clears for the recovery threshold (2 healthy cycles), so the next failure is a new incident. */
async function recover(e: Env): Promise<void> {
  simulator().applyScenario("all-healthy");
  await cycle(e, 2);
}

describe("LOOKOUT_CRITICAL_BYPASS_DEBOUNCE", () => {
  it("lets a new critical incident through the window but still debounces a new warning one", async () => {
    const bypass = env({ LOOKOUT_CRITICAL_BYPASS_DEBOUNCE: "true" });
    // Two warning incidents (one failed machine: service_degraded) in one window: the second is debounced.
    for (let i = 0; i < 2; i++) {
      simulator().applyScenario("fly-machine-fails");
      await cycle(bypass);
      await consumeWakes({ db, env: bypass });
      await recover(bypass);
    }
    expect(await wakeOutcomes()).toEqual(["fly:service_degraded:warning -> done", "fly:service_degraded:warning -> debounced"]);

    // In the same configuration, critical incidents (every app down: service_unhealthy) do bypass it.
    for (let i = 0; i < 2; i++) {
      simulator().applyScenario("fly-app-down");
      await cycle(bypass);
      await consumeWakes({ db, env: bypass });
      await recover(bypass);
    }
    const critical = await db.wake.findMany({ where: { severity: "critical" } });
    expect(critical.map((w) => w.status)).toEqual(["done", "done"]);
    expect(await db.investigation.count({ where: { severity: "warning" } })).toBe(1);
    expect(new Set(critical.map((w) => w.sessionId)).size).toBe(2);
  });
});

describe("the debounce key is (probe, category)", () => {
  it("a service_degraded investigation does not debounce a service_unhealthy wake of the same probe", async () => {
    const e = env();
    simulator().applyScenario("fly-machine-fails");
    await cycle(e);
    await consumeWakes({ db, env: e });
    expect(await db.investigation.count({ where: { probe: "fly", category: "service_degraded" } })).toBe(1);

    // Minutes later at most: the same probe goes fully down, a new category and so a new incident.
    simulator().applyScenario("fly-app-down");
    await cycle(e);
    const summary = await consumeWakes({ db, env: e });
    expect(summary).toMatchObject({ investigated: 1, debounced: 0 });
    expect(await wakeOutcomes()).toEqual(["fly:service_degraded:warning -> done", "fly:service_unhealthy:critical -> done"]);
    expect(await db.investigation.count({ where: { probe: "fly", category: "service_unhealthy" } })).toBe(1);
  });

  it("one probe's investigation does not debounce another probe's wake of the same category", async () => {
    const e = env();
    simulator().applyScenario("fly-machine-fails");
    await cycle(e);
    await consumeWakes({ db, env: e });

    // Vercel starts failing too: its first service_degraded wake is investigated, Fly's second is not.
    simulator().applyScenario("vercel-errors-rise");
    await cycle(e);
    const summary = await consumeWakes({ db, env: e });
    expect(summary).toMatchObject({ investigated: 1, debounced: 1 });
    expect((await wakeOutcomes()).sort()).toEqual([
      "fly:service_degraded:warning -> debounced",
      "fly:service_degraded:warning -> done",
      "vercel:service_degraded:warning -> done",
    ]);
    expect(await db.investigation.count({ where: { probe: "vercel", category: "service_degraded" } })).toBe(1);
  });
});

describe("a wake's own investigation", () => {
  /** One Fly wake, investigated by the real consumer. */
  async function investigatedFlyWake(e: Env) {
    simulator().applyScenario("fly-machine-fails");
    await cycle(e);
    await consumeWakes({ db, env: e });
    return db.wake.findFirstOrThrow({ where: { status: "done" } });
  }

  it("never debounces that wake, only the later ones of its pair", async () => {
    const e = env();
    const investigated = await investigatedFlyWake(e);
    const now = new Date();
    // As a consumer taking the wake over would ask, after another stored its investigation.
    expect(await isDebounced(db, e, investigated, now)).toBe(false);
    expect(await isDebounced(db, e, { ...investigated, id: "a-later-wake" }, now)).toBe(true);
  });

  it("with LOOKOUT_DEBOUNCE_SECONDS=0 debounces nothing, not even an investigation started after the wake was looked at", async () => {
    const e = env();
    const investigated = await investigatedFlyWake(e);
    const { startedAt } = await db.investigation.findFirstOrThrow();
    // As another consumer would see it, asking a moment before that investigation started.
    const earlier = new Date(startedAt.getTime() - 1_000);
    expect(await isDebounced(db, env({ LOOKOUT_DEBOUNCE_SECONDS: "0" }), { ...investigated, id: "a-later-wake" }, earlier)).toBe(false);
    expect(await isDebounced(db, e, { ...investigated, id: "a-later-wake" }, earlier)).toBe(true);
  });
});
