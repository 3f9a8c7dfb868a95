import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import { dialectOf } from "@/lib/db/dialect";
import { chainAuditRows } from "./chain-audit-rows";
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

/**
 * Chains the rows onto the newest stored row: one primary-key read, then ONE insert statement. The
 * dialect serializes appenders first (on SQLite the write lock already does; on PostgreSQL an advisory
 * lock held to commit), so nothing can append between the read and the insert, in any process.
 */
async function appendChained(tx: Prisma.TransactionClient, events: AuditEventInput[]): Promise<number[]> {
  await dialectOf(tx).lockAuditChain(tx);
  const tip = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  const rows = chainAuditRows(tip, events.map(toRow));
  await tx.auditEvent.createMany({ data: rows });
  return rows.map((row) => row.id);
}

/** Appends one audit row. Takes the caller's transaction so the row commits or rolls back with its change. */
export async function writeAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<number> {
  const [id] = await appendChained(tx, [event]);
  return id!;
}

/** Appends several rows in one statement, in order, inside the caller's transaction. */
export async function writeAuditEvents(tx: Prisma.TransactionClient, events: AuditEventInput[]): Promise<void> {
  if (events.length > 0) await appendChained(tx, events);
}
