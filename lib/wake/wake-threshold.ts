import type { Env } from "@/lib/env";
import type { ProbeName } from "@/lib/probes/types";

type PerProbePrefix = "LOOKOUT_WAKE_THRESHOLD" | "LOOKOUT_RECOVERY_THRESHOLD";

/** A per-probe count (LOOKOUT_WAKE_THRESHOLD_FLY, LOOKOUT_RECOVERY_THRESHOLD_SUPABASE…) for one probe. */
export function perProbeCount(env: Env, prefix: PerProbePrefix, probe: ProbeName): number {
  return env[`${prefix}_${probe.toUpperCase() as Uppercase<ProbeName>}`];
}

/** Consecutive failing cycles a probe needs before its issue requests a wake (flapping control). */
export function wakeThreshold(env: Env, probe: ProbeName): number {
  return perProbeCount(env, "LOOKOUT_WAKE_THRESHOLD", probe);
}
