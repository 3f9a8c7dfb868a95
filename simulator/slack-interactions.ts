import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { dmChannelId } from "./vendors/slack";
import type { SlackState } from "./state-types";

// Slack's side of Interactivity: a button press POSTed to the app's Request URL as a signed
// application/x-www-form-urlencoded body whose `payload` field is the block_actions JSON
// (docs.slack.dev/reference/interaction-payloads/block_actions-payload), signed with the v0 scheme
// (api.slack.com/authentication/verifying-requests-from-slack). Forgeries are built here too.

export const interactionForgeries = ["none", "wrong_secret", "tampered_body", "stale_timestamp", "no_headers"] as const;

export const sendInteractionInput = z.strictObject({
  /** Where the app listens, e.g. http://localhost:3000/api/slack/interactions. */
  url: z.url(),
  signingSecret: z.string().min(1),
  userId: z.string().regex(/^[UW][A-Z0-9]+$/),
  actionId: z.string().min(1),
  value: z.string().optional(),
  /** The message the button sits on; default the user's DM with the bot and its newest message there. */
  channel: z.string().optional(),
  messageTs: z.string().optional(),
  /** Fixed to send the very same payload again (a redelivery); default a fresh one. */
  actionTs: z.string().optional(),
  triggerId: z.string().optional(),
  forge: z.enum(interactionForgeries).default("none"),
});
export type SendInteractionInput = z.input<typeof sendInteractionInput>;

export interface BuiltInteraction {
  url: string;
  headers: Record<string, string>;
  body: string;
  payload: Record<string, unknown>;
}

const seconds = (now: number) => Math.floor(now / 1000);
const sign = (secret: string, ts: string, body: string) => `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;

/** The block_actions payload for one button press, with the keys Slack's reference lists for a message button. */
export function buildBlockActionsPayload(slack: SlackState, input: z.output<typeof sendInteractionInput>, now: number): Record<string, unknown> {
  const channel = input.channel ?? dmChannelId(input.userId);
  const messageTs = input.messageTs ?? slack.messages.filter((m) => m.channel === channel && !m.threadTs).at(-1)?.ts ?? `${seconds(now)}.000100`;
  const actionTs = input.actionTs ?? `${(now / 1000).toFixed(6)}`;
  return {
    type: "block_actions",
    user: { id: input.userId, username: input.userId.toLowerCase(), name: input.userId.toLowerCase(), team_id: slack.team.id },
    api_app_id: "A0SIMAPP01",
    token: "sim-deprecated-verification-token",
    container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: input.triggerId ?? `${seconds(now)}.${randomBytes(6).readUIntBE(0, 6)}.${randomBytes(16).toString("hex")}`,
    team: { id: slack.team.id, domain: slack.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "directmessage" },
    message: { type: "message", ts: messageTs, bot_id: slack.bot.botId, user: slack.bot.userId },
    response_url: `https://hooks.slack.com/actions/${slack.team.id}/sim/${randomBytes(8).toString("hex")}`,
    actions: [{ type: "button", action_id: input.actionId, block_id: "incident_actions", text: { type: "plain_text", text: input.actionId, emoji: true }, ...(input.value === undefined ? {} : { value: input.value }), action_ts: actionTs }],
  };
}

/** The request Slack would send (or a forgery of it): headers and raw body, ready for fetch or `new Request`. */
export function buildInteractionRequest(slack: SlackState, raw: SendInteractionInput, now: number = Date.now()): BuiltInteraction {
  const input = sendInteractionInput.parse(raw);
  const payload = buildBlockActionsPayload(slack, input, now);
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(seconds(input.forge === "stale_timestamp" ? now - 6 * 60_000 : now));
  const secret = input.forge === "wrong_secret" ? `${input.signingSecret}-not` : input.signingSecret;
  const signature = sign(secret, timestamp, body);
  const sent = input.forge === "tampered_body" ? body.replace(encodeURIComponent(input.userId), encodeURIComponent("U0TAMPERED")) : body;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)" };
  if (input.forge !== "no_headers") Object.assign(headers, { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature });
  return { url: input.url, headers, body: sent, payload };
}

/** Sends one interaction and returns what the app answered. */
export async function sendInteraction(slack: SlackState, raw: SendInteractionInput): Promise<{ status: number; body: string; payload: Record<string, unknown> }> {
  const built = buildInteractionRequest(slack, raw);
  const res = await fetch(built.url, { method: "POST", headers: built.headers, body: built.body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text(), payload: built.payload };
}
