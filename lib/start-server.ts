import { signInMode } from "@/lib/auth/sign-in-mode";
import { EnvError, getEnv } from "@/lib/env";

/**
 * Stops the server with a readable list when configuration is bad; otherwise prepares sign-in (the cookie
 * key, the one-time token on a first start without a password) and starts the scheduler.
 * The scheduler is imported only after validation: its imports open the database, which reads the env.
 */
export async function startServer(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[lookout] ${error.message}\nFix these in .env (see .env.example) and start again.`);
    process.exit(1);
  }
  const [{ db }, { announceSignIn }, { getSessionKey }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/auth/sign-in-token"),
    import("@/lib/auth/session-key"),
  ]);
  // Created now, so an unwritable data directory stops the start instead of the first sign-in.
  getSessionKey(env);
  // With passwords configured tokens are not accepted, so none is issued.
  await announceSignIn(db, { publicUrl: env.LOOKOUT_PUBLIC_URL, hasPassword: signInMode(env) !== "token" });
  // Walk the audit chain once in the background, so the first /audit request does not pay for it.
  void import("@/lib/audit/get-audit-chain-status").then(({ getAuditChainStatus }) => getAuditChainStatus()).catch(() => {});
  if (env.VERCEL) {
    // A function is frozen between requests, so timers would not fire on time: each cron hit runs a cycle, then a consumer pass.
    console.log("[lookout] embedded scheduler off on Vercel: Vercel Cron triggers the cycles (vercel.json), each followed by a wake consumer pass");
    return;
  }
  const { startRecoverySweep } = await import("@/lib/wake/recovery-sweep");
  startRecoverySweep();
  const interval = env.LOOKOUT_PROBE_INTERVAL;
  if (interval === null) {
    console.log("[lookout] embedded scheduler off (LOOKOUT_PROBE_INTERVAL=off); use /api/cron/probes or Run now");
    return;
  }
  const { startProbeScheduler } = await import("@/lib/cycle/scheduler");
  startProbeScheduler(interval);
  console.log(`[lookout] embedded scheduler: a probe cycle every ${Math.round(interval / 1000)} s`);
  if (interval < env.LOOKOUT_MIN_CYCLE_SPACING_SECONDS * 1000) {
    console.warn(`[lookout] LOOKOUT_PROBE_INTERVAL is shorter than LOOKOUT_MIN_CYCLE_SPACING_SECONDS (${env.LOOKOUT_MIN_CYCLE_SPACING_SECONDS} s): ticks that close together are coalesced`);
  }
}
