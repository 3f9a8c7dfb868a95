import { EnvError, getEnv } from "@/lib/env";
import { startProbeScheduler } from "@/lib/cycle/scheduler";

/** Stops the server with a readable list when configuration is bad; otherwise starts the scheduler. */
export function startServer(): void {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[lookout] ${error.message}\nFix these in .env (see .env.example) and start again.`);
    process.exit(1);
  }
  const interval = env.LOOKOUT_PROBE_INTERVAL;
  if (interval === null) {
    console.log("[lookout] embedded scheduler off (LOOKOUT_PROBE_INTERVAL=off); use /api/cron/probes or Run now");
    return;
  }
  startProbeScheduler(interval);
  console.log(`[lookout] embedded scheduler: a probe cycle every ${Math.round(interval / 1000)} s`);
}
