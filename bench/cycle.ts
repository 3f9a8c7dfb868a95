import { runProbeCycle } from "../lib/cycle/run-probe-cycle";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { BENCH_SESSION_SECRET } from "./page-ttfb";
import { percentile, report } from "./stats";
import type { BenchTarget } from "./targets";

/** Full cycles against the simulator with no injected latency: what Lookout itself costs per cycle. */
export async function benchCycleOverhead({ url: databaseUrl, provider }: BenchTarget, runs = 60): Promise<number> {
  const sim = await startSimulator({ port: 0 });
  const db = createDb(databaseUrl);
  const env = parseEnv({ DATABASE_URL: databaseUrl, LOOKOUT_SESSION_SECRET: BENCH_SESSION_SECRET, ...simulatorEnv(sim.url), LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" });
  try {
    for (let i = 0; i < 5; i++) await runProbeCycle({ trigger: "manual", env, db });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await runProbeCycle({ trigger: "manual", env, db });
      if (!result.ok) throw new Error(result.message);
      samples.push(performance.now() - started);
    }
    const p95 = percentile(samples, 95);
    report({ name: "cycle_overhead_ms", provider, p50: percentile(samples, 50), p95, runs, target_p95: 50 });

    // One slow vendor must not add to the others: probes run concurrently.
    const slowMs = 2_000;
    sim.setLatency("vercel", slowMs);
    const ratios: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await runProbeCycle({ trigger: "manual", env, db });
      ratios.push((performance.now() - started) / slowMs);
    }
    report({ name: "cycle_wall_vs_slowest_probe", provider, worst: Math.round(Math.max(...ratios) * 1000) / 1000, median: percentile(ratios, 50), slow_vendor_ms: slowMs, runs: 3, target: "< 1.1" });
    return p95;
  } finally {
    await db.$disconnect();
    await sim.close();
  }
}
