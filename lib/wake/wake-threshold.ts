import type { Env } from "@/lib/env";
import type { ProbeName } from "@/lib/probes/types";

const thresholdVariable = {
  supabase: "LOOKOUT_WAKE_THRESHOLD_SUPABASE",
  fly: "LOOKOUT_WAKE_THRESHOLD_FLY",
  vercel: "LOOKOUT_WAKE_THRESHOLD_VERCEL",
  sentry: "LOOKOUT_WAKE_THRESHOLD_SENTRY",
  doppler: "LOOKOUT_WAKE_THRESHOLD_DOPPLER",
} as const satisfies Record<ProbeName, keyof Env>;

/** Consecutive failing cycles a probe needs before its issue requests a wake (flapping control). */
export function wakeThreshold(env: Env, probe: ProbeName): number {
  return env[thresholdVariable[probe]];
}
