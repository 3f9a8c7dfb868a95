import type { Issue } from "@/lib/detect/detect-issue";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncidentRef } from "@/lib/wake/wake-records";
import { buildSessionId, newIncidentId } from "./session-id";

export const openKeyOf = (issue: Pick<Issue, "probe" | "category">) => `${issue.probe}:${issue.category}`;

/** A new incident's row, with its id and session id chosen up front so wakes can carry them. */
export function newIncidentRow(issue: Issue, now: Date) {
  const id = newIncidentId(now);
  return {
    id,
    sessionId: buildSessionId(issue.probe, issue.category, id),
    probe: issue.probe,
    category: issue.category,
    severity: issue.severity,
    title: issue.title,
    detail: issue.detail,
    openedAt: now,
    lastSeenAt: now,
    openKey: openKeyOf(issue),
  };
}

/**
 * Continues the open incident of this (probe, category) or opens one. The unique `openKey` makes a
 * second open incident for the same pair impossible, even across processes.
 */
export async function openOrContinueIncident(tx: Prisma.TransactionClient, issue: Issue, now: Date): Promise<IncidentRef> {
  const open = await tx.incident.findUnique({ where: { openKey: openKeyOf(issue) }, select: { id: true, sessionId: true } });
  if (open) {
    await tx.incident.update({ where: { id: open.id }, data: { lastSeenAt: now, issueCount: { increment: 1 } } });
    return { ...open, opened: false };
  }
  const row = newIncidentRow(issue, now);
  await tx.incident.create({ data: row });
  return { id: row.id, sessionId: row.sessionId, opened: true };
}
