import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { databaseNow } from "@/lib/db/dialect";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import { queueDmUpdate } from "@/lib/slack/queue-dm-update";

export type AcknowledgeResult = "acknowledged" | "already_acknowledged" | "resolved" | "not_found";

/**
 * Acknowledges an open incident: who and when are kept on it, its reminders stop, `incident.acknowledged`
 * is written and its DM is redrawn to say so. A second acknowledgement changes and writes nothing.
 */
export async function acknowledgeIncident(db: PrismaClient, input: AcknowledgeInput): Promise<AcknowledgeResult> {
  return db.$transaction((tx) => acknowledgeIncidentIn(tx, input));
}

export interface AcknowledgeInput {
  sessionId: string;
  actor: string;
  via: "dashboard" | "slack";
  now?: Date;
}

/** The same, inside the caller's transaction (a Slack interaction commits its dedupe row with it). */
export async function acknowledgeIncidentIn(tx: Prisma.TransactionClient, { sessionId, actor, via, now }: AcknowledgeInput): Promise<AcknowledgeResult> {
  const at = now ?? (await databaseNow(tx));
  const { count } = await tx.incident.updateMany({ where: { sessionId, acknowledgedAt: null, resolvedAt: null }, data: { acknowledgedAt: at, acknowledgedBy: actor } });
  if (count === 0) {
    const incident = await tx.incident.findUnique({ where: { sessionId }, select: { acknowledgedAt: true } });
    return !incident ? "not_found" : incident.acknowledgedAt ? "already_acknowledged" : "resolved";
  }
  const incident = await tx.incident.findUniqueOrThrow({ where: { sessionId }, select: { probe: true, title: true, openedAt: true } });
  await writeAuditEvent(tx, {
    seam: "incident.acknowledged",
    actor,
    sessionId,
    probe: incident.probe as ProbeName,
    at,
    details: { by: actor, via, title: incident.title, open_for_s: Math.round((at.getTime() - incident.openedAt.getTime()) / 1000) },
  });
  await queueDmUpdate(tx, sessionId, "acknowledged", at);
  return "acknowledged";
}
