import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Whether this wake falls inside the debounce window of its (probe, category): an investigation of the
 * same pair started less than LOOKOUT_DEBOUNCE_SECONDS ago. 0 disables it; critical wakes bypass it
 * only when the operator opted in.
 */
export async function isDebounced(
  db: PrismaClient,
  env: Env,
  wake: { id: string; incidentId: string; probe: string; category: string; severity: string },
  now: Date,
): Promise<boolean> {
  const windowMs = env.LOOKOUT_DEBOUNCE_SECONDS * 1000;
  if (windowMs === 0) return false;
  if (wake.severity === "critical" && env.LOOKOUT_CRITICAL_BYPASS_DEBOUNCE) return false;
  // A probe that got worse (its warning became critical) is news however recent the last investigation.
  const incident = await db.incident.findUnique({ where: { id: wake.incidentId }, select: { escalatedFrom: true } });
  if (incident?.escalatedFrom) return false;
  const recent = await db.investigation.findFirst({
    where: { probe: wake.probe, category: wake.category, startedAt: { gt: new Date(now.getTime() - windowMs) }, wakeId: { not: wake.id } },
    select: { id: true },
  });
  return recent !== null;
}

/**
 * Whether the wake's incident already has its investigation (from another wake): an incident is investigated
 * and DMed once; while it stays open its reminders, not new investigations, keep the operator told.
 */
export async function isAlreadyInvestigated(db: PrismaClient, wake: { id: string; sessionId: string }): Promise<boolean> {
  const earlier = await db.investigation.findFirst({ where: { sessionId: wake.sessionId, wakeId: { not: wake.id } }, select: { id: true } });
  return earlier !== null;
}
