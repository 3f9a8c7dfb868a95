import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Issue } from "@/lib/detect/detect-issue";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openOrContinueIncident } from "@/lib/incidents/open-or-continue-incident";
import { newWakeId, wakeRequestedEvent, wakeRow, type StoredSnapshot } from "./wake-records";

/** Opens or continues the incident, and writes `probe.wake_requested` and the durable wake: call inside one transaction. */
export async function requestWake(tx: Prisma.TransactionClient, issue: Issue, snapshot: StoredSnapshot, envelopeEnabled: boolean) {
  const incident = await openOrContinueIncident(tx, issue, snapshot.observedAt);
  const wakeId = newWakeId();
  await writeAuditEvent(tx, wakeRequestedEvent(wakeId, issue, snapshot, incident, envelopeEnabled));
  await tx.wake.create({ data: wakeRow(wakeId, issue, snapshot, incident) });
  return { probe: issue.probe, sessionId: incident.sessionId, opened: incident.opened };
}
