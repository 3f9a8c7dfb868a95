import type { WebClient } from "@slack/web-api";
import { leaseClock } from "@/lib/db/lease-clock";
import type { Env } from "@/lib/env";
import { crashPoint } from "@/lib/crash-point";
import type { DmMessage, PrismaClient } from "@/lib/generated/prisma/client";
import { listCredentials, redactText } from "@/lib/redact";
import { classifySlackError, describeSlackFailure, retryDelayMs, type SlackFailure } from "@/lib/slack/classify-slack-error";
import { createSlackClient } from "@/lib/slack/create-slack-client";
import { deliveryNotice, withNotice } from "@/lib/slack/delivery-notice";
import { findPostedDm } from "@/lib/slack/find-posted-dm";
import { loadIncidentState, withIncidentState } from "@/lib/slack/incident-state-blocks";
import { findFirstMessage, findThreadParent, storedMessage } from "@/lib/slack/outbox-records";
import { settleDm, type DeliveryOutcome } from "@/lib/slack/settle-dm";
import { openDmChannel, postSlackMessage, updateSlackMessage } from "@/lib/slack/slack-calls";

export interface DeliverDeps {
  db: PrismaClient;
  env: Env;
  now?: () => Date;
}

/**
 * Delivers one claimed outbox message: opens the operator's DM, records where the message is going,
 * looks in Slack first when an earlier attempt may have posted it, then posts it with its key in the
 * message metadata. Returns the outcome it recorded (null when the claim was lost to a takeover).
 */
export async function deliverClaimedDm(row: DmMessage, owner: string, { db, env, now }: DeliverDeps): Promise<DeliveryOutcome | null> {
  const clock = leaseClock(db, now);
  const outcome = await attempt(row, db, env, clock);
  const recorded = await settleDm(db, row, owner, outcome, await clock());
  logOutcome(row, outcome, env);
  return recorded ? outcome : null;
}

// The backoff and the notice's lateness are on the lease clock, like the claims that read them.
async function attempt(row: DmMessage, db: PrismaClient, env: Env, now: () => Promise<Date>): Promise<DeliveryOutcome> {
  const client = createSlackClient(env);
  const operatorId = env.SLACK_OPERATOR_USER_ID;
  // Not retried: nothing changes until the operator configures Slack and restarts Lookout.
  if (!client || !operatorId) return { status: "failed", code: "slack_not_configured", reason: describeSlackFailure("slack_not_configured") };
  if (row.kind === "update") return redrawFirstMessage(row, client, db, env, now);

  let channel: string;
  try {
    channel = await openDmChannel(client, operatorId);
  } catch (error) {
    // Opening the DM never posts anything, so it leaves the message's posting state as it was.
    return failed(row, { ...classifySlackError(error), mayHavePosted: false }, env, await now());
  }

  const parent = await findThreadParent(db, row.sessionId);
  // A thread lives in one channel; if the operator changed since, the message starts a new top-level one.
  const threadTs = parent?.channel === channel && parent.ts !== row.ts ? parent.ts : null;

  if (row.mayHavePosted) {
    const where = { channel, threadTs: row.channel === channel ? row.threadTs : threadTs, dedupeKey: row.dedupeKey, since: row.createdAt };
    const lookup = await findPostedDm(client, where);
    if (lookup.found) return { status: "sent", channel, ts: lookup.ts, threadTs: where.threadTs, found: true, notice: null, folded: false };
    if (lookup.found === null) {
      // Slack could not tell: posting now might make a second copy, so the message is reported, not re-posted.
      if (lookup.failure.permanent) return { status: "unknown", code: lookup.failure.code, reason: unknownReason(lookup.failure) };
      return failed(row, { ...lookup.failure, mayHavePosted: true }, env, await now());
    }
  }

  // Where it goes is written before the post, so a takeover after a crash looks in the same place.
  await db.dmMessage.updateMany({ where: { id: row.id, status: "sending" }, data: { channel, threadTs, mayHavePosted: true } });
  const { notice, folded, resolved } = await noticeFor(row, db, env, await now());
  // The first message shows the incident's state as it is now: a late one may already be acknowledged or silenced.
  const state = row.kind === "investigation" ? await loadIncidentState(db, row.sessionId, await now()) : null;
  const message = withNotice(withIncidentState(storedMessage(row), state, listCredentials(env), { resolutionTold: resolved && Boolean(notice) }), notice);
  try {
    // The resolution and reminders stay in the thread; a later investigation keeps Slack's default (no broadcast).
    const replyBroadcast = row.kind === "resolution" || row.kind === "reminder" ? false : undefined;
    crashPoint("dm.before_post");
    const ts = await postSlackMessage(client, { channel, threadTs, message, dedupeKey: row.dedupeKey, replyBroadcast });
    crashPoint("dm.after_post");
    return { status: "sent", channel, ts, threadTs, found: false, notice, folded };
  } catch (error) {
    return failed(row, classifySlackError(error), env, await now());
  }
}

/**
 * An update: the incident's first message redrawn in place (chat.update) from its stored blocks and the state
 * now. No first message in Slack yet means nothing to redraw: settled as folded, since that message shows the
 * state when it goes out. A redraw is idempotent, so one interrupted mid-call is simply done again.
 */
async function redrawFirstMessage(row: DmMessage, client: WebClient, db: PrismaClient, env: Env, now: () => Promise<Date>): Promise<DeliveryOutcome> {
  const first = await findFirstMessage(db, row.sessionId);
  if (!first?.channel || !first.ts) return { status: "folded", reason: "the incident's first message was not in Slack yet; it shows the state when delivered" };
  const state = await loadIncidentState(db, row.sessionId, await now());
  const message = withIncidentState(storedMessage(first), state, listCredentials(env));
  try {
    await updateSlackMessage(client, { channel: first.channel, ts: first.ts, message });
    return { status: "sent", channel: first.channel, ts: first.ts, threadTs: null, found: false, notice: null, folded: false };
  } catch (error) {
    return failed(row, { ...classifySlackError(error), mayHavePosted: false }, env, await now());
  }
}

async function noticeFor(row: DmMessage, db: PrismaClient, env: Env, now: Date): Promise<{ notice: string | null; folded: boolean; resolved: boolean }> {
  // A reminder is a thread reply like the resolution: only its lateness is news.
  const kind = row.kind === "investigation" ? "investigation" : "resolution";
  const incident = await db.incident.findUnique({ where: { sessionId: row.sessionId }, select: { title: true, openedAt: true, resolvedAt: true } });
  const notice = deliveryNotice({ kind, createdAt: row.createdAt, now, incident, lastFailure: row.failureReason }, listCredentials(env));
  const resolvedUntold = kind === "investigation" && Boolean(incident?.resolvedAt);
  const told = resolvedUntold ? await db.dmMessage.findUnique({ where: { dedupeKey: `resolution:${row.sessionId}` }, select: { id: true } }) : null;
  return { notice, folded: resolvedUntold && !told, resolved: Boolean(incident?.resolvedAt) };
}

function unknownReason(failure: SlackFailure): string {
  const why = failure.code === "missing_scope" ? "Lookout needs the im:history scope to check" : describeSlackFailure(failure.code, failure.detail);
  return `a delivery was interrupted and Slack's history could not say whether it arrived (${why}); not sent again, to avoid a duplicate`;
}

/** A failed attempt: permanent ones stop now, transient ones wait their backoff, unless the retry window is over. */
function failed(row: DmMessage, failure: SlackFailure, env: Env, now: Date): DeliveryOutcome {
  const credentials = listCredentials(env);
  const code = redactText(failure.code, credentials);
  // Stored and shown: the detail of an unexpected error is its message, which could quote anything.
  const reason = redactText(describeSlackFailure(code, failure.detail), credentials);
  if (failure.permanent) return { status: "failed", code, reason };
  const mayHavePosted = row.mayHavePosted || failure.mayHavePosted;
  const giveUpAt = row.createdAt.getTime() + env.LOOKOUT_DM_RETRY_HOURS * 3_600_000;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(failure, row.attempts));
  if (nextAttemptAt.getTime() > giveUpAt) {
    return { status: mayHavePosted ? "unknown" : "failed", code, reason: `gave up after ${env.LOOKOUT_DM_RETRY_HOURS} h of retries: ${reason}` };
  }
  return { status: "queued", code, reason, nextAttemptAt, mayHavePosted };
}

function logOutcome(row: DmMessage, outcome: DeliveryOutcome, env: Env): void {
  const what = `[lookout] Slack DM ${row.dedupeKey} (${row.sessionId})`;
  if (outcome.status === "sent") console.log(`${what} ${outcome.found ? "was already in Slack; recorded" : row.kind === "update" ? "redrew the first message" : `sent${outcome.threadTs ? " in thread" : ""}`}`);
  else if (outcome.status === "folded") console.log(`${what} not needed: ${outcome.reason}`);
  else if (outcome.status === "queued") console.warn(`${what} not sent: ${redactText(outcome.reason, listCredentials(env))}; next try at ${outcome.nextAttemptAt.toISOString()}`);
  else console.error(`${what} ${outcome.status}: ${redactText(outcome.reason, listCredentials(env))}`);
}
