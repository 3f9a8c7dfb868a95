import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DmKind } from "@/lib/slack/types";

export interface DmAttempt {
  sessionId: string;
  dedupeKey: string;
  kind: DmKind;
  text: string;
  status: "sent" | "failed_send";
  errorCode: string | null;
  channel: string | null;
  ts: string | null;
  threadTs: string | null;
}

export function findDm(db: PrismaClient, dedupeKey: string) {
  return db.dmMessage.findUnique({ where: { dedupeKey } });
}

/** The session's first message that reached Slack at top level: every later DM of the session replies to it. */
export async function findThreadParent(db: PrismaClient, sessionId: string): Promise<{ channel: string; ts: string } | null> {
  const parent = await db.dmMessage.findFirst({
    where: { sessionId, status: "sent", threadTs: null, channel: { not: null }, ts: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return parent?.channel && parent.ts ? { channel: parent.channel, ts: parent.ts } : null;
}

/** Stores one attempt's outcome; attempts count across every call for the same message. */
export function recordDmAttempt(db: PrismaClient, attempt: DmAttempt, now = new Date()) {
  const { dedupeKey, ...fields } = attempt;
  return db.dmMessage.upsert({
    where: { dedupeKey },
    create: { dedupeKey, ...fields, attempts: 1, createdAt: now },
    update: { ...fields, attempts: { increment: 1 } },
  });
}
