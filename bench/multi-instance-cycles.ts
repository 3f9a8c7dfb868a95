import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { spawnNext } from "../scripts/next-bin.mjs";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { BENCH_SESSION_SECRET, waitForServer } from "./page-ttfb";
import { report } from "./stats";
import type { BenchTarget } from "./targets";

const INSTANCES = 3;
const FIRST_PORT = 3960;
const INTERVAL_S = 5;
const INTERVALS = 6;
const MIN_SPACING_S = 2;

/**
 * Three `next start` processes on one PostgreSQL, each with the embedded scheduler on: how many cycles run
 * per interval, counted from the cycles table over a few intervals once all three are up (target: exactly 1).
 */
export async function benchMultiInstanceCycles(target: BenchTarget): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const servers: ChildProcess[] = [];
  const inherited = { ...process.env };
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const port = FIRST_PORT + i;
      if (await fetch(`http://127.0.0.1:${port}`).then(() => true, () => false)) throw new Error(`port ${port} is already in use; stop whatever listens there`);
      servers.push(
        spawnNext(["start", "-p", String(port), "-H", "127.0.0.1"], {
          env: {
            ...inherited,
            ...simulatorEnv(sim.url),
            DATABASE_URL: target.url,
            LOOKOUT_SESSION_SECRET: BENCH_SESSION_SECRET,
            LOOKOUT_PROBE_INTERVAL: `${INTERVAL_S}s`,
            // Below the interval, as it is with the defaults (20 s against 5 min): the interval, not this spacing,
            // is what the schedulers must hold to. The default would space a 5 s interval's cycles 20 s apart.
            LOOKOUT_MIN_CYCLE_SPACING_SECONDS: String(MIN_SPACING_S),
            LOOKOUT_OPERATOR_PASSWORD: "bench-operator-password",
            NEXT_TELEMETRY_DISABLED: "1",
          },
          stdio: "ignore",
        }),
      );
    }
    await Promise.all(servers.map((_, i) => waitForServer(`http://127.0.0.1:${FIRST_PORT + i}/sign-in`)));
    const windowStart = Date.now();
    await new Promise((r) => setTimeout(r, INTERVALS * INTERVAL_S * 1000));
    const perInterval = await countCycles(target.url, windowStart);
    const cycles = perInterval.reduce((a, b) => a + b, 0);
    report({
      name: "multi_instance_cycles",
      provider: target.provider,
      instances: INSTANCES,
      interval_s: INTERVAL_S,
      min_cycle_spacing_s: MIN_SPACING_S,
      intervals: INTERVALS,
      cycles,
      cycles_per_interval: Math.round((cycles / INTERVALS) * 100) / 100,
      per_interval: perInterval,
      max_in_one_interval: Math.max(...perInterval),
      target: "exactly 1",
    });
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once("exit", r)) : null)));
    await sim.close();
  }
}

/** Scheduler cycles started in each interval of the window that began at `from`. */
async function countCycles(url: string, from: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ startedAt: Date }>(`SELECT "startedAt" FROM "ProbeCycle" WHERE "trigger" = 'scheduler' AND "startedAt" >= $1`, [new Date(from).toISOString()]);
    const counts = Array.from({ length: INTERVALS }, () => 0);
    for (const { startedAt } of rows) {
      const index = Math.floor((startedAt.getTime() - from) / (INTERVAL_S * 1000));
      if (index < INTERVALS) counts[index]!++;
    }
    return counts;
  } finally {
    await client.end();
  }
}
