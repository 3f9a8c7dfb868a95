import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import type { AuditSeam } from "./seams";

export interface AuditEventInput {
  seam: AuditSeam;
  actor: string;
  sessionId?: string | null;
  probe?: ProbeName | null;
  details: Record<string, unknown>;
  at?: Date;
}

function toRow(event: AuditEventInput) {
  return {
    seam: event.seam,
    actor: event.actor,
    sessionId: event.sessionId ?? null,
    probe: event.probe ?? null,
    details: JSON.stringify(event.details),
    createdAt: event.at ?? new Date(),
  };
}

/** Appends one audit row. Takes the caller's transaction so the row commits or rolls back with its change. */
export async function writeAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<number> {
  const row = await tx.auditEvent.create({ data: toRow(event), select: { id: true } });
  return row.id;
}

/** Appends several rows in one statement, in order, inside the caller's transaction. */
export async function writeAuditEvents(tx: Prisma.TransactionClient, events: AuditEventInput[]): Promise<void> {
  if (events.length > 0) await tx.auditEvent.createMany({ data: events.map(toRow) });
}
