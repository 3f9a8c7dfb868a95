import type { Env } from "@/lib/env";
import type { CycleTrigger } from "./run-probe-cycle";

// Enough slack for one instance's tick arriving a little early relative to its last one (timer jitter, a
// slower database round trip last time), small enough that instances' ticks spread over the interval
// cannot walk the cycle forward from one instance to the next.
const TICK_TOLERANCE_SHARE = 0.2;
const MAX_TICK_TOLERANCE_MS = 5_000;

/**
 * How soon after the last cycle started a trigger is coalesced instead of run. Every instance runs its own
 * scheduler, so a scheduler tick is coalesced for nearly a whole interval: however many instances tick,
 * one cycle runs per interval, and an instance alone still runs on every tick. Cron and "Run now" keep the
 * configured spacing.
 */
export function cycleSpacingMs(trigger: CycleTrigger, env: Pick<Env, "LOOKOUT_MIN_CYCLE_SPACING_SECONDS">, intervalMs?: number): number {
  const configured = env.LOOKOUT_MIN_CYCLE_SPACING_SECONDS * 1000;
  if (trigger !== "scheduler" || !intervalMs) return configured;
  const tolerance = Math.min(intervalMs * TICK_TOLERANCE_SHARE, MAX_TICK_TOLERANCE_MS);
  return Math.max(configured, Math.round(intervalMs - tolerance));
}
