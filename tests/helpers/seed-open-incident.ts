import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { IssueCategory } from "@/lib/detect/rules";
import { buildSessionId, newIncidentId } from "@/lib/incidents/session-id";
import type { ProbeName } from "@/lib/probes/types";

/**
 * One incident row as the detector would have opened it, with the lifecycle fields a test sets; open
 * unless `resolvedAt` is given. Only the row: wakes, DMs and audit rows are the test's own business.
 */
export async function seedOpenIncident(
  db: PrismaClient,
  {
    probe = "doppler",
    category = "service_unhealthy",
    severity = "critical",
    title = "Doppler API unreachable",
    openedAt = new Date(Date.now() - 20 * 60_000),
    resolvedAt = null,
    holdSlot = true,
    ...lifecycle
  }: {
    probe?: ProbeName;
    category?: IssueCategory;
    severity?: "critical" | "warning";
    title?: string;
    openedAt?: Date;
    resolvedAt?: Date | null;
    /** False lets a test keep several open incidents of one (probe, category), which the detector never would. */
    holdSlot?: boolean;
    acknowledgedAt?: Date | null;
    acknowledgedBy?: string | null;
    flappingSince?: Date | null;
    flappingEndedAt?: Date | null;
    maintenanceWindowId?: string | null;
    escalatedFrom?: string | null;
  } = {},
) {
  const id = newIncidentId(openedAt);
  const sessionId = buildSessionId(probe, category, id);
  await db.incident.create({
    data: {
      id,
      sessionId,
      probe,
      category,
      severity,
      title,
      detail: `${title} (seeded)`,
      openedAt,
      lastSeenAt: openedAt,
      resolvedAt,
      // Open incidents hold the (probe, category) slot, as the detector's own do.
      openKey: resolvedAt || !holdSlot ? null : `${probe}:${category}`,
      ...lifecycle,
    },
  });
  return { sessionId, incidentId: id };
}
