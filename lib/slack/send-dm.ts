import { setTimeout as sleep } from "node:timers/promises";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listCredentials, redactText } from "@/lib/redact";
import { buildInvestigationMessage, buildResolutionMessage, type SlackMessage } from "@/lib/slack/build-blocks";
import { retryBudgets, type SlackFailure } from "@/lib/slack/classify-slack-error";
import { createSlackClient } from "@/lib/slack/create-slack-client";
import { findDm, findThreadParent, recordDmAttempt } from "@/lib/slack/dm-records";
import { postDm } from "@/lib/slack/post-dm";
import type { DmKind, InvestigationDm, ResolutionDm, SendResult } from "@/lib/slack/types";

export interface SendDmDeps {
  db: PrismaClient;
  env: Env;
}

interface OutgoingDm {
  sessionId: string;
  dedupeKey: string;
  kind: DmKind;
  message: SlackMessage;
  replyBroadcast?: boolean;
}

/** DMs the operator one wake's investigation; calling again for the same wake never sends twice. */
export function sendInvestigationDm(dm: InvestigationDm, deps: SendDmDeps): Promise<SendResult> {
  const message = buildInvestigationMessage(dm, deps.env.LOOKOUT_PUBLIC_URL, listCredentials(deps.env));
  return sendDm({ sessionId: dm.sessionId, dedupeKey: `investigation:${dm.wakeId}`, kind: "investigation", message }, deps);
}

/** Tells the operator, in the incident's thread, that it resolved; at most once per session. */
export function sendResolutionDm(dm: ResolutionDm, deps: SendDmDeps): Promise<SendResult> {
  const message = buildResolutionMessage(dm, deps.env.LOOKOUT_PUBLIC_URL, listCredentials(deps.env));
  return sendDm({ sessionId: dm.sessionId, dedupeKey: `resolution:${dm.sessionId}`, kind: "resolution", message, replyBroadcast: false }, deps);
}

function logFailure(dm: OutgoingDm, failure: SlackFailure, env: Env, retryInMs?: number): void {
  const detail = failure.detail ? ` (${redactText(failure.detail, listCredentials(env))})` : "";
  if (retryInMs === undefined) console.error(`[lookout] Slack DM for ${dm.sessionId} failed: ${failure.code}${detail}`);
  else console.warn(`[lookout] Slack DM for ${dm.sessionId} hit ${failure.code}${detail}; retrying in ${retryInMs} ms`);
}

async function sendDm(dm: OutgoingDm, { db, env }: SendDmDeps): Promise<SendResult> {
  const earlier = await findDm(db, dm.dedupeKey);
  if (earlier?.status === "sent") return { status: "sent", errorCode: null, channel: earlier.channel, ts: earlier.ts, alreadySent: true };

  const base = { sessionId: dm.sessionId, dedupeKey: dm.dedupeKey, kind: dm.kind, text: dm.message.text };
  const client = createSlackClient(env);
  const operatorId = env.SLACK_OPERATOR_USER_ID;
  if (!client || !operatorId) {
    // Stored all the same: the text is kept, and a later call sends it once Slack is configured.
    const failure: SlackFailure = { code: "slack_not_configured", retryAfterMs: null, detail: null };
    await recordDmAttempt(db, { ...base, status: "failed_send", errorCode: failure.code, channel: null, ts: null, threadTs: null });
    logFailure(dm, failure, env);
    return { status: "failed_send", errorCode: failure.code, channel: null, ts: null, alreadySent: false };
  }

  const parent = await findThreadParent(db, dm.sessionId);
  const retries: Record<string, number> = {};
  for (;;) {
    const outcome = await postDm(client, { operatorId, message: dm.message, parent, replyBroadcast: dm.replyBroadcast });
    if (outcome.ok) {
      await recordDmAttempt(db, { ...base, status: "sent", errorCode: null, channel: outcome.channel, ts: outcome.ts, threadTs: outcome.threadTs });
      console.log(`[lookout] Slack DM for ${dm.sessionId} sent (${dm.kind}${outcome.threadTs ? ", in thread" : ""})`);
      return { status: "sent", errorCode: null, channel: outcome.channel, ts: outcome.ts, alreadySent: false };
    }
    // Slack's error string becomes the stored code and the log line, and an answer may quote a token in it.
    const failure: SlackFailure = { ...outcome.failure, code: redactText(outcome.failure.code, listCredentials(env)) };
    await recordDmAttempt(db, { ...base, status: "failed_send", errorCode: failure.code, channel: outcome.channel, ts: null, threadTs: outcome.threadTs });
    const used = retries[failure.code] ?? 0;
    if (failure.retryAfterMs === null || used >= (retryBudgets[failure.code] ?? 0)) {
      logFailure(dm, failure, env);
      return { status: "failed_send", errorCode: failure.code, channel: outcome.channel, ts: null, alreadySent: false };
    }
    retries[failure.code] = used + 1;
    logFailure(dm, failure, env, failure.retryAfterMs);
    await sleep(failure.retryAfterMs);
  }
}
