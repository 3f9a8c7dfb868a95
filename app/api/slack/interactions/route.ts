// POST /api/slack/interactions — Slack Interactivity: the incident DM's buttons (acknowledge, silence 1 h), signed by Slack
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { describeError } from "@/lib/describe-error";
import { getEnv } from "@/lib/env";
import { runAfterResponse } from "@/lib/run-after-response";
import { createSlackClient } from "@/lib/slack/create-slack-client";
import { drainOutbox } from "@/lib/slack/drain-outbox";
import { handleSlackInteraction, type InteractionResult } from "@/lib/slack/handle-interaction";
import { parseInteractionBody } from "@/lib/slack/interaction-payload";
import { postEphemeralMessage } from "@/lib/slack/slack-calls";
import { readSlackSignatureHeaders, verifySlackSignature } from "@/lib/slack/verify-slack-signature";

export const dynamic = "force-dynamic";

// A block_actions payload is a few kilobytes; anything far past that is not Slack.
const MAX_BODY_BYTES = 64 * 1024;

const refusals = {
  not_configured: "Slack interactions are off: SLACK_SIGNING_SECRET is not set.",
  missing_headers: "Missing Slack signature headers.",
  stale: "The request's timestamp is more than five minutes off.",
  bad_signature: "The Slack signature does not match.",
} as const;

const json = (status: number, error: string) => NextResponse.json({ ok: false, error }, { status, headers: { "cache-control": "no-store" } });

// Public (no session): the signature is the authentication, checked on the raw body before anything is read from it.
export async function POST(request: Request): Promise<Response> {
  const env = getEnv();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return json(413, "The request body is too large.");
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return json(413, "The request body is too large.");
  const check = verifySlackSignature(env.SLACK_SIGNING_SECRET, { body, ...readSlackSignatureHeaders(request.headers) });
  if (!check.ok) {
    console.warn(`[lookout] Slack interaction refused: ${check.reason}`);
    return json(401, refusals[check.reason]);
  }
  const payload = parseInteractionBody(body);
  if (!payload) return json(400, "The payload is not a block_actions payload Lookout understands.");
  let result: InteractionResult;
  try {
    result = await handleSlackInteraction(payload, { db, env });
  } catch (error) {
    console.error(`[lookout] Slack interaction failed: ${describeError(error)}`);
    return json(500, "The action failed; see the server log.");
  }
  console.log(`[lookout] Slack interaction ${payload.actions[0]?.action_id} from ${payload.user.id}: ${result.outcome}`);
  // Slack wants its answer within 3 s: the redraw and any reply go out after it.
  if (result.drain) runAfterResponse(() => drainQuietly());
  const ephemeral = result.ephemeral;
  if (ephemeral) runAfterResponse(() => replyQuietly(ephemeral));
  return new Response(null, { status: 200 });
}

async function drainQuietly(): Promise<void> {
  try {
    await drainOutbox({ db, env: getEnv() });
  } catch (error) {
    console.error(`[lookout] outbox drain after a Slack interaction failed: ${describeError(error)}`);
  }
}

async function replyQuietly(m: { channel: string; user: string; text: string }): Promise<void> {
  const client = createSlackClient(getEnv());
  if (!client) return;
  try {
    await postEphemeralMessage(client, m);
  } catch (error) {
    console.error(`[lookout] Slack ephemeral reply failed: ${describeError(error)}`);
  }
}
