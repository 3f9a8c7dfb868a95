import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listUndeliveredDms } from "@/lib/slack/outbox-records";

/** As long as a message is retried: a failure older than that has been on screen for a day already. */
const SHOWN_FOR_MS = 24 * 3_600_000;

export interface UndeliveredDms {
  count: number;
  /** The newest one: why it was not delivered, and the incident it was about. */
  latest: { reason: string; sessionId: string; status: "failed" | "unknown" } | null;
}

/** Messages to the operator that Slack refused for good, that Lookout gave up on, or that may never have arrived. */
export async function getUndeliveredDms(db: PrismaClient, now = new Date()): Promise<UndeliveredDms> {
  const rows = await listUndeliveredDms(db, new Date(now.getTime() - SHOWN_FOR_MS));
  const newest = rows[0];
  if (!newest) return { count: 0, latest: null };
  const reason = newest.failureReason ?? newest.errorCode ?? "Slack did not take it";
  return { count: rows.length, latest: { reason, sessionId: newest.sessionId, status: newest.status === "unknown" ? "unknown" : "failed" } };
}
