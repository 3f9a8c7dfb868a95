import { runProbeCycle } from "../lib/cycle/run-probe-cycle";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { percentile, report } from "./stats";

const allDegraded = ["fly-machine-fails", "vercel-errors-rise", "sentry-pileup", "secret-ages", "supabase-pressure"] as const;

/** What detection and wake emission add to a cycle in which every one of the five probes has an issue. */
export async function benchDetectEmit(databaseUrl: string, runs = 60): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const db = createDb(databaseUrl);
  // Cycles back to back, as a benchmark does: not coalesced.
  const env = parseEnv({ DATABASE_URL: databaseUrl, ...simulatorEnv(sim.url), LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" });
  const measure = async () => {
    const walls: number[] = [];
    const detect: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const started = performance.now();
      const result = await runProbeCycle({ trigger: "manual", env, db });
      if (!result.ok || result.coalesced) throw new Error(result.message);
      if (i < 5) continue;
      walls.push(performance.now() - started);
      detect.push(result.cycle.detection.durationMs);
    }
    return { walls, detect };
  };
  try {
    const quiet = await measure();
    for (const name of allDegraded) sim.applyScenario(name);
    const noisy = await measure();
    const issues = await db.wake.count();
    report({
      name: "detect_emit_overhead_ms",
      p50: percentile(noisy.detect, 50),
      p95: percentile(noisy.detect, 95),
      cycle_p95_with_issues: percentile(noisy.walls, 95),
      cycle_p95_without: percentile(quiet.walls, 95),
      cycle_p95_delta: Math.round((percentile(noisy.walls, 95) - percentile(quiet.walls, 95)) * 100) / 100,
      issues_per_cycle: 5,
      wakes_written: issues,
      runs,
      target_p95: 10,
    });
  } finally {
    await db.$disconnect();
    await sim.close();
  }
}
