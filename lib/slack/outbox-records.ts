import type { KnownBlock } from "@slack/web-api";
import { databaseNow } from "@/lib/db/dialect";
import type { DmMessage, PrismaClient } from "@/lib/generated/prisma/client";
import type { SlackMessage } from "@/lib/slack/build-blocks";
import type { DmKind } from "@/lib/slack/types";

export interface NewDm {
  sessionId: string;
  dedupeKey: string;
  kind: DmKind;
  message: SlackMessage;
}

/**
 * Writes the message into the outbox, once: a second call with the same key returns the row already there.
 * With `claim`, a new row is written already claimed for that delivery (one statement instead of two).
 */
export function enqueueDm(db: Pick<PrismaClient, "dmMessage">, dm: NewDm, now: Date, claim?: { owner: string; leaseMs: number }): Promise<DmMessage> {
  const state = claim
    ? { status: "sending", leaseOwner: claim.owner, leaseExpiresAt: new Date(now.getTime() + claim.leaseMs), attempts: 1, lastAttemptAt: now }
    : { status: "queued", nextAttemptAt: now };
  return db.dmMessage.upsert({
    where: { dedupeKey: dm.dedupeKey },
    create: { sessionId: dm.sessionId, dedupeKey: dm.dedupeKey, kind: dm.kind, text: dm.message.text, blocks: JSON.stringify(dm.message.blocks), createdAt: now, ...state },
    update: {},
  });
}

export function findDm(db: PrismaClient, dedupeKey: string) {
  return db.dmMessage.findUnique({ where: { dedupeKey } });
}

/** The stored message, exactly as first written. */
export function storedMessage(row: Pick<DmMessage, "text" | "blocks">): SlackMessage {
  return { text: row.text, blocks: row.blocks ? (JSON.parse(row.blocks) as KnownBlock[]) : [] };
}

/**
 * Claims one message for delivery with a single conditional UPDATE, so two deliveries (two processes, or
 * the sweep racing the consumer) never hold it together. A message found still `sending` after its lease
 * ran out was left by a crashed delivery that may have posted it: it is claimed with `mayHavePosted`, so
 * the delivery looks in Slack before posting. Judged by the database's clock unless `now` is given.
 */
export async function claimDm(db: PrismaClient, dedupeKey: string, { owner, now, leaseMs }: { owner: string; now?: Date; leaseMs: number }): Promise<DmMessage | null> {
  now ??= await databaseNow(db);
  // Not renewed: a delivery makes a few Slack calls, each bounded by the client's timeout, well inside the lease.
  const lease = { status: "sending", leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs), attempts: { increment: 1 }, lastAttemptAt: now };
  const crashed = await db.dmMessage.updateMany({ where: { dedupeKey, status: "sending", leaseExpiresAt: { lt: now } }, data: { ...lease, mayHavePosted: true } });
  const claimed = crashed.count === 1 || (await db.dmMessage.updateMany({ where: { dedupeKey, status: "queued", nextAttemptAt: { lte: now } }, data: lease })).count === 1;
  return claimed ? db.dmMessage.findUnique({ where: { dedupeKey } }) : null;
}

/** Keys of messages due for delivery, oldest first: queued past their backoff, or left `sending` by a crash. */
export async function listDueDms(db: PrismaClient, now: Date, limit: number): Promise<string[]> {
  const rows = await db.dmMessage.findMany({
    where: { OR: [{ status: "queued", nextAttemptAt: { lte: now } }, { status: "sending", leaseExpiresAt: { lt: now } }] },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { dedupeKey: true },
  });
  return rows.map((r) => r.dedupeKey);
}

/**
 * The session's first message that reached Slack at top level: every later DM of the session replies to it,
 * and an update redraws it. An update row records that message's ts too, so it is never a parent itself.
 */
export function findFirstMessage(db: PrismaClient, sessionId: string): Promise<DmMessage | null> {
  return db.dmMessage.findFirst({
    where: { sessionId, status: "sent", kind: { not: "update" }, threadTs: null, channel: { not: null }, ts: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function findThreadParent(db: PrismaClient, sessionId: string): Promise<{ channel: string; ts: string } | null> {
  const parent = await findFirstMessage(db, sessionId);
  return parent?.channel && parent.ts ? { channel: parent.channel, ts: parent.ts } : null;
}

/**
 * Messages the operator should hear about, last tried since `since`: given up on, refused for good, or perhaps
 * never delivered. A failed redraw of a message (kind "update") is not one: the message itself reached them.
 */
export function listUndeliveredDms(db: PrismaClient, since: Date) {
  return db.dmMessage.findMany({
    where: { status: { in: ["failed", "unknown"] }, kind: { not: "update" }, lastAttemptAt: { gte: since } },
    orderBy: { lastAttemptAt: "desc" },
    select: { sessionId: true, kind: true, status: true, errorCode: true, failureReason: true, updatedAt: true },
  });
}
