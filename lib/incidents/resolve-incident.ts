import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { incidentResolvedEvent } from "@/lib/wake/wake-records";

/** Closes one open incident on its probe's first healthy snapshot, with its `probe.incident_resolved` row. */
export async function resolveIncident(tx: Prisma.TransactionClient, incidentId: string, snapshotId: string, now: Date): Promise<boolean> {
  // Re-read inside the transaction: another writer may have resolved it since it was planned.
  const incident = await tx.incident.findFirst({ where: { id: incidentId, resolvedAt: null } });
  if (!incident) return false;
  await tx.incident.update({ where: { id: incidentId }, data: { resolvedAt: now, openKey: null } });
  await writeAuditEvent(tx, incidentResolvedEvent(incident, snapshotId, now));
  return true;
}
