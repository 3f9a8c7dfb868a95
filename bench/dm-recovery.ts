import { spawn } from "node:child_process";
import path from "node:path";
import { runProbeCycle } from "../lib/cycle/run-probe-cycle";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";
import { RECOVERY_SWEEP_MS } from "../lib/wake/recovery-sweep";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { percentile, report } from "./stats";

const repo = path.resolve(import.meta.dirname, "..");

/**
 * From a consumer killed with SIGKILL right after Slack took its DM (the worst crash point: the row still says
 * `sending`) to that DM settled as sent by a fresh consumer sweeping at the server's cadence, with the default
 * lease. Bounded by the lease plus one sweep.
 */
export async function benchDmRecovery(databaseUrl: string, runs = 2): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const db = createDb(databaseUrl);
  const base = { ...simulatorEnv(sim.url), DATABASE_URL: databaseUrl, LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" };
  const env = parseEnv(base);
  const consumer = (crashAt: string, everyMs: number) =>
    spawn(process.execPath, ["--import", "tsx", "tests/helpers/consumer-process.ts", String(everyMs)], {
      cwd: repo,
      env: { ...process.env, ...base, LOOKOUT_TEST_CRASH_AT: crashAt, NODE_ENV: "test" as const },
      stdio: "ignore",
    });
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      sim.reset();
      sim.applyScenario("fly-machine-fails");
      const cycle = await runProbeCycle({ trigger: "manual", env, db });
      if (!cycle.ok) throw new Error(cycle.message);
      const crashed = consumer("dm.after_post", 100);
      await new Promise((resolve) => crashed.once("exit", resolve));
      const crashedAt = Date.now();
      const fresh = consumer("", RECOVERY_SWEEP_MS);
      try {
        for (;;) {
          const sent = await db.dmMessage.count({ where: { status: "sent", sentAt: { gte: new Date(crashedAt) } } });
          if (sent > 0) break;
          if (Date.now() - crashedAt > 180_000) throw new Error("the DM was not recovered within 3 min");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        samples.push((Date.now() - crashedAt) / 1000);
        if (sim.state.slack.messages.length !== 1) throw new Error(`${sim.state.slack.messages.length} copies reached Slack`);
      } finally {
        fresh.kill("SIGKILL");
      }
      await db.dmMessage.deleteMany();
      await db.investigation.deleteMany();
      await db.wake.deleteMany();
      await db.incident.deleteMany();
    }
    report({ name: "dm_recovery_s", p50: percentile(samples, 50), max: Math.max(...samples), runs, lease_s: env.LOOKOUT_LEASE_SECONDS, sweep_s: RECOVERY_SWEEP_MS / 1000, target_max: 60 });
  } finally {
    await db.$disconnect();
    await sim.close();
  }
}
