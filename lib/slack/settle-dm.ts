import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { databaseNow } from "@/lib/db/dialect";
import type { DmMessage, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import { dmStatusOf } from "@/lib/slack/types";

/** How one delivery ended. `queued` goes back to the outbox for a later try; the others are final. */
export type DeliveryOutcome =
  | { status: "sent"; channel: string; ts: string; threadTs: string | null; found: boolean; notice: string | null; folded: boolean }
  | { status: "failed" | "unknown"; code: string; reason: string }
  | { status: "queued"; code: string; reason: string; nextAttemptAt: Date; mayHavePosted: boolean }
  // An update with no first message to redraw: nothing is owed, since that message shows the state when it is sent.
  | { status: "folded"; reason: string };

function rowChange(outcome: DeliveryOutcome, now: Date): Prisma.DmMessageUpdateManyMutationInput {
  const released = { leaseOwner: null, leaseExpiresAt: null };
  switch (outcome.status) {
    case "sent":
      return { ...released, status: "sent", channel: outcome.channel, ts: outcome.ts, threadTs: outcome.threadTs, sentAt: now, mayHavePosted: false, nextAttemptAt: null, errorCode: null, failureReason: null };
    case "folded":
      return { ...released, status: "folded", failureReason: outcome.reason, nextAttemptAt: null, mayHavePosted: false };
    case "queued":
      return { ...released, status: "queued", errorCode: outcome.code, failureReason: outcome.reason, nextAttemptAt: outcome.nextAttemptAt, mayHavePosted: outcome.mayHavePosted };
    default:
      return { ...released, status: outcome.status, errorCode: outcome.code, failureReason: outcome.reason, nextAttemptAt: null };
  }
}

/**
 * Records how a delivery ended, only while this delivery still holds the message (a delivery that lost its
 * lease to a takeover writes nothing). A final outcome commits in the same transaction as its
 * `slack.dm_delivery` audit row, the investigation's and incident's DM status, and, when a late first
 * message told the resolution too, the folded resolution row: each happens exactly once.
 */
export async function settleDm(db: PrismaClient, row: DmMessage, owner: string, outcome: DeliveryOutcome, now?: Date): Promise<boolean> {
  now ??= await databaseNow(db);
  return db.$transaction(async (tx) => {
    const { count } = await tx.dmMessage.updateMany({ where: { id: row.id, status: "sending", leaseOwner: owner }, data: rowChange(outcome, now) });
    if (count !== 1) return false;
    if (outcome.status === "queued") return true;
    const incident = await tx.incident.findUnique({ where: { sessionId: row.sessionId }, select: { id: true, probe: true } });
    if (row.kind === "investigation") await updateInvestigationStatus(tx, row, incident?.id ?? null, outcome.status);
    if (outcome.status === "sent" && outcome.folded) await foldResolution(tx, row, outcome, now);
    await writeAuditEvent(tx, {
      seam: "slack.dm_delivery",
      actor: "lookout",
      sessionId: row.sessionId,
      probe: (incident?.probe ?? null) as ProbeName | null,
      at: now,
      details: {
        dedupe_key: row.dedupeKey,
        kind: row.kind,
        status: outcome.status,
        attempts: row.attempts,
        queued_at: row.createdAt.toISOString(),
        delay_s: Math.round((now.getTime() - row.createdAt.getTime()) / 1000),
        ...(outcome.status === "sent"
          ? { ts: outcome.ts, thread_ts: outcome.threadTs, found_in_history: outcome.found, notice: outcome.notice, resolution_folded: outcome.folded }
          : outcome.status === "folded"
            ? { reason: outcome.reason }
            : { error_code: outcome.code, reason: outcome.reason }),
      },
    });
    return true;
  });
}

async function updateInvestigationStatus(tx: Prisma.TransactionClient, row: DmMessage, incidentId: string | null, delivery: string): Promise<void> {
  const wakeId = row.dedupeKey.slice("investigation:".length);
  const investigation = await tx.investigation.findUnique({ where: { wakeId }, select: { id: true, engine: true } });
  if (!investigation) return;
  const dmStatus = dmStatusOf(investigation.engine, delivery);
  await tx.investigation.update({ where: { id: investigation.id }, data: { dmStatus } });
  if (incidentId) await tx.incident.update({ where: { id: incidentId }, data: { lastDmStatus: dmStatus } });
}

/** The resolution was told in the first line of this late message: its own message is not sent. */
async function foldResolution(tx: Prisma.TransactionClient, row: DmMessage, outcome: Extract<DeliveryOutcome, { status: "sent" }>, now: Date): Promise<void> {
  await tx.dmMessage.upsert({
    where: { dedupeKey: `resolution:${row.sessionId}` },
    create: {
      sessionId: row.sessionId,
      dedupeKey: `resolution:${row.sessionId}`,
      kind: "resolution",
      text: outcome.notice ?? "",
      status: "folded",
      channel: outcome.channel,
      ts: outcome.ts,
      threadTs: outcome.threadTs,
      sentAt: now,
      createdAt: now,
    },
    update: {},
  });
}
