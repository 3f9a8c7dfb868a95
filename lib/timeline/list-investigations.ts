import { z } from "zod";
import { db as defaultDb } from "@/lib/db";
import { severitySchema } from "@/lib/detect/rules";
import type { Incident, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { probeNameSchema } from "@/lib/probes/types";
import { dmStatuses } from "@/lib/slack/types";

const PAGE_SIZE = 50;

const yesNo = z.enum(["yes", "no"]).optional().catch(undefined);

/** The list page's query string. A bad value is dropped (the default applies), never an error page. */
export const investigationsQuery = z.object({
  probe: probeNameSchema.optional().catch(undefined),
  severity: severitySchema.optional().catch(undefined),
  state: z.enum(["open", "resolved"]).optional().catch(undefined),
  dm: z.enum(dmStatuses).optional().catch(undefined),
  ack: yesNo,
  flapping: yesNo,
  maintenance: yesNo,
  cursor: z.string().trim().regex(/^[a-z0-9]{1,64}$/).optional().catch(undefined),
});
export type InvestigationsQuery = z.infer<typeof investigationsQuery>;

export interface InvestigationListRow {
  sessionId: string;
  probe: string;
  category: string;
  severity: string;
  title: string;
  openedAt: string;
  resolvedAt: string | null;
  /** Every wake of the incident, debounced ones included. */
  wakeCount: number;
  debouncedCount: number;
  investigationCount: number;
  costUsd: number;
  dmStatus: string | null;
  autofixOutcome: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Flapping now: started and not yet ended. */
  flapping: boolean;
  /** It flapped at some point of its life. */
  flapped: boolean;
  /** Recorded while a maintenance window silenced its probe. */
  duringMaintenance: boolean;
  /** The warning incident this critical one escalated from. */
  escalatedFrom: string | null;
}

/** An incident as the list and the timeline header show it: the figures the consumer keeps on the row. */
export function summarizeIncident(i: Incident): InvestigationListRow {
  return {
    sessionId: i.sessionId,
    probe: i.probe,
    category: i.category,
    severity: i.severity,
    title: i.title,
    openedAt: i.openedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    wakeCount: i.issueCount,
    debouncedCount: i.debouncedCount,
    investigationCount: i.investigationCount,
    costUsd: i.costUsd,
    dmStatus: i.lastDmStatus,
    autofixOutcome: i.lastAutofixOutcome,
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: i.acknowledgedBy,
    flapping: i.flappingSince !== null && i.flappingEndedAt === null,
    flapped: i.flappingSince !== null,
    duringMaintenance: i.maintenanceWindowId !== null,
    escalatedFrom: i.escalatedFrom,
  };
}

/**
 * One row per incident, newest first, keyset-paginated on the incident id (which starts with its
 * opening time, so id order is time order). The figures are kept on the incident by the consumer.
 */
export async function listInvestigations(
  query: InvestigationsQuery,
  { db = defaultDb, pageSize = PAGE_SIZE }: { db?: PrismaClient; pageSize?: number } = {},
): Promise<{ rows: InvestigationListRow[]; nextCursor: string | null }> {
  const where: Prisma.IncidentWhereInput = {
    ...(query.probe ? { probe: query.probe } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.state === "open" ? { resolvedAt: null } : query.state === "resolved" ? { resolvedAt: { not: null } } : {}),
    ...(query.dm ? { lastDmStatus: query.dm } : {}),
    ...(query.ack ? { acknowledgedAt: query.ack === "yes" ? { not: null } : null } : {}),
    // "Flapping" means it flapped at some point, so a settled flapping incident is still found.
    ...(query.flapping ? { flappingSince: query.flapping === "yes" ? { not: null } : null } : {}),
    ...(query.maintenance ? { maintenanceWindowId: query.maintenance === "yes" ? { not: null } : null } : {}),
    ...(query.cursor ? { id: { lt: query.cursor } } : {}),
  };
  const incidents = await db.incident.findMany({ where, orderBy: { id: "desc" }, take: pageSize + 1 });
  const page = incidents.slice(0, pageSize);
  return {
    rows: page.map(summarizeIncident),
    nextCursor: incidents.length > pageSize ? (page.at(-1)?.id ?? null) : null,
  };
}
