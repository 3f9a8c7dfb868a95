import { runProbeCycle } from "../lib/cycle/run-probe-cycle";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";
import { consumeWakes } from "../lib/wake/consume-wakes";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { percentile, report } from "./stats";

/** From the end of the cycle that emitted a wake to its DM reaching the simulated Slack, model latency zero. */
export async function benchWakeToDm(databaseUrl: string, runs = 40): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const db = createDb(databaseUrl);
  const env = parseEnv({ DATABASE_URL: databaseUrl, ...simulatorEnv(sim.url), LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" });
  const log = console.log;
  console.log = () => {};
  try {
    sim.applyScenario("fly-machine-fails");
    const samples: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const before = sim.state.slack.messages.length;
      const cycle = await runProbeCycle({ trigger: "manual", env, db });
      if (!cycle.ok) throw new Error(cycle.message);
      const cycleEnd = Date.now();
      await consumeWakes({ db, env });
      const dm = sim.state.slack.messages[before];
      if (!dm) throw new Error("no DM reached the simulator");
      if (i >= 3) samples.push(new Date(dm.at).getTime() - cycleEnd);
    }
    console.log = log;
    report({ name: "wake_to_dm_ms", p50: percentile(samples, 50), p95: percentile(samples, 95), runs, target_p95: 500 });
  } finally {
    console.log = log;
    await db.$disconnect();
    await sim.close();
  }
}
