import { randomUUID } from "node:crypto";
import { leaseClock } from "@/lib/db/lease-clock";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { leaseTiming } from "@/lib/lease-timing";
import { listCredentials } from "@/lib/redact";
import { buildInvestigationMessage, buildResolutionMessage } from "@/lib/slack/build-blocks";
import { deliverClaimedDm } from "@/lib/slack/deliver-dm";
import { claimDm, enqueueDm, findDm, type NewDm } from "@/lib/slack/outbox-records";
import type { DeliveryStatus, InvestigationDm, ResolutionDm, SendResult } from "@/lib/slack/types";

export interface SendDmDeps {
  db: PrismaClient;
  env: Env;
  now?: () => Date;
}

/** DMs the operator one wake's investigation; calling again for the same wake never sends twice. */
export function sendInvestigationDm(dm: InvestigationDm, deps: SendDmDeps): Promise<SendResult> {
  const message = buildInvestigationMessage(dm, deps.env.LOOKOUT_PUBLIC_URL, listCredentials(deps.env));
  return sendDm({ sessionId: dm.sessionId, dedupeKey: `investigation:${dm.wakeId}`, kind: "investigation", message }, deps);
}

/** Tells the operator, in the incident's thread, that it resolved; at most once per session. */
export function sendResolutionDm(dm: ResolutionDm, deps: SendDmDeps): Promise<SendResult> {
  const message = buildResolutionMessage(dm, deps.env.LOOKOUT_PUBLIC_URL, listCredentials(deps.env));
  return sendDm({ sessionId: dm.sessionId, dedupeKey: `resolution:${dm.sessionId}`, kind: "resolution", message }, deps);
}

/**
 * Writes the message into the outbox, then tries it at once. What is not delivered now stays in the
 * outbox, where the drain retries it; the result is the message's state after this call.
 */
async function sendDm(dm: NewDm, { db, env, now }: SendDmDeps): Promise<SendResult> {
  const owner = `send:${randomUUID()}`;
  const { leaseMs } = leaseTiming(env);
  const clock = leaseClock(db, now);
  const stored = await enqueueDm(db, dm, await clock(), { owner, leaseMs });
  if (stored.status === "sent") return result(stored, true);
  // A new row is already this call's to deliver; an older one (a retried wake) is claimed like any other.
  const row = stored.leaseOwner === owner ? stored : await claimDm(db, dm.dedupeKey, { owner, now: await clock(), leaseMs });
  const outcome = row ? await deliverClaimedDm(row, owner, { db, env, now }) : null;
  if (outcome?.status === "sent") return { status: "sent", errorCode: null, channel: outcome.channel, ts: outcome.ts, alreadySent: false };
  if (outcome && outcome.status !== "queued") return { status: outcome.status, errorCode: "code" in outcome ? outcome.code : null, channel: null, ts: null, alreadySent: false };
  return result((await findDm(db, dm.dedupeKey)) ?? stored, false);
}

function result(row: { status: string; errorCode: string | null; channel: string | null; ts: string | null }, alreadySent: boolean): SendResult {
  return { status: row.status as DeliveryStatus, errorCode: row.errorCode, channel: row.channel, ts: row.ts, alreadySent };
}
