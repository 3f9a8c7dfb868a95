import { db as defaultDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface OpenIncident {
  sessionId: string;
  probe: string;
  category: string;
  severity: string;
  title: string;
  openedAt: string;
  issueCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Set while its probe flaps; cleared in effect once flappingEndedAt is set. */
  flapping: boolean;
  /** Recorded while a maintenance window silenced its probe. */
  duringMaintenance: boolean;
}

/** Every open incident, critical first then newest; the (probe, resolvedAt) index keeps this small. */
export async function findOpenIncidents({ db = defaultDb }: { db?: PrismaClient } = {}): Promise<OpenIncident[]> {
  const rows = await db.incident.findMany({
    where: { resolvedAt: null },
    orderBy: { openedAt: "desc" },
    select: {
      sessionId: true, probe: true, category: true, severity: true, title: true, openedAt: true, issueCount: true,
      acknowledgedAt: true, acknowledgedBy: true, flappingSince: true, flappingEndedAt: true, maintenanceWindowId: true,
    },
  });
  return rows
    .map(({ acknowledgedAt, flappingSince, flappingEndedAt, maintenanceWindowId, ...r }) => ({
      ...r,
      openedAt: r.openedAt.toISOString(),
      acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
      flapping: flappingSince !== null && flappingEndedAt === null,
      duringMaintenance: maintenanceWindowId !== null,
    }))
    .sort((a, b) => Number(b.severity === "critical") - Number(a.severity === "critical"));
}
