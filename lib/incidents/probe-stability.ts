import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import { perProbeCount } from "@/lib/wake/wake-threshold";

/** Consecutive healthy snapshots that resolve an incident of this probe (like Gatus' success-threshold). */
export function recoveryThreshold(env: Env, probe: ProbeName): number {
  return perProbeCount(env, "LOOKOUT_RECOVERY_THRESHOLD", probe);
}

/** How many cycles back stability is judged: enough for the flapping window and the recovery threshold. */
export function stabilityDepth(env: Env, probe: ProbeName): number {
  return Math.max(env.LOOKOUT_FLAP_WINDOW, recoveryThreshold(env, probe));
}

/**
 * The probe's statuses, newest first: this snapshot's, then the stored ones before it. Read from the
 * database, so a restart loses nothing of what recovery and flapping are judged on.
 */
export async function readRecentStatuses(db: PrismaClient, snapshot: { probe: ProbeName; status: string; observedAt: Date }, depth: number): Promise<string[]> {
  const rows = await db.probeSnapshot.findMany({
    where: { probe: snapshot.probe, observedAt: { lt: snapshot.observedAt } },
    orderBy: { observedAt: "desc" },
    take: depth - 1,
    select: { status: true },
  });
  return [snapshot.status, ...rows.map((r) => r.status)];
}

/** Healthy snapshots in a row at the head of `statuses` (newest first). */
export function countHealthyStreak(statuses: string[]): number {
  const firstOther = statuses.findIndex((s) => s !== "healthy");
  return firstOther === -1 ? statuses.length : firstOther;
}

/** Status changes between consecutive snapshots within the newest `window` of them. */
export function countStatusChanges(statuses: string[], window: number): number {
  const recent = statuses.slice(0, window);
  let changes = 0;
  for (let i = 1; i < recent.length; i++) if (recent[i] !== recent[i - 1]) changes++;
  return changes;
}

export interface Stability {
  /** Consecutive healthy snapshots, newest first. */
  healthy: number;
  recoveryThreshold: number;
  changes: number;
  /** Changed at least LOOKOUT_FLAP_CHANGES times within the last LOOKOUT_FLAP_WINDOW cycles. */
  flapping: boolean;
  /** The last recoveryThreshold snapshots all share one status: a flapping incident stops flapping. */
  stable: boolean;
}

export function judgeStability(env: Env, probe: ProbeName, statuses: string[]): Stability {
  const threshold = recoveryThreshold(env, probe);
  const changes = countStatusChanges(statuses, env.LOOKOUT_FLAP_WINDOW);
  const head = statuses.slice(0, threshold);
  return {
    healthy: countHealthyStreak(statuses),
    recoveryThreshold: threshold,
    changes,
    flapping: changes >= env.LOOKOUT_FLAP_CHANGES,
    stable: head.length === threshold && head.every((s) => s === head[0]),
  };
}
