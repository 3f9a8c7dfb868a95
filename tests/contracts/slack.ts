// Slack Web API contract for the methods Lookout calls: auth.test, conversations.open, chat.postMessage, and, to
// check whether an interrupted post reached Slack, conversations.history and conversations.replies.
// Sources, read 2026-11-30:
// - slackapi/slack-api-specs web-api/slack_web_openapi_v2.json, commit bc08db49625630e3585bf2f1322128ea04f2a7f3:
//   the success schemas (required keys, additionalProperties false), objs_message, the id patterns (defs_dm_id,
//   defs_channel, defs_ts, defs_team, defs_workspace_id, defs_user_id, defs_bot_id) and the error envelope
//   {ok: false, error, callstack?}.
// - @slack/web-api 8.2.0 (slackapi/node-slack-sdk packages/web-api, as installed): WebAPICallResult
//   (`ok`, `response_metadata`) and src/types/response/AuthTestResponse.ts, ConversationsOpenResponse.ts,
//   ChatPostMessageResponse.ts, which add keys the 2021 spec predates (app_id, app_name, enterprise_id,
//   expires_in, warning, needed, provided, response_metadata...). A key is allowed when either source lists it.
// - Message metadata (chat.postMessage `metadata`, read back with `include_all_metadata`): @slack/types 2.x
//   message-metadata.d.ts (MessageMetadata: event_type, event_payload) and @slack/web-api 8.2.0
//   ConversationsHistoryResponse.ts (MessageElement.metadata: event_type, event_payload; has_more, pin_count,
//   channel_actions_ts, channel_actions_count, response_metadata.next_cursor), which the 2021 spec predates.
// The spec's per-method error enums are stale (no `missing_scope`, `ratelimited`, `invalid_blocks_format`), so an
// error code is checked for Slack's snake_case form; tests assert the exact code each case must produce.
import { z } from "zod";

const teamId = z.string().regex(/^[T][A-Z0-9]{2,}$/);
const workspaceId = z.string().regex(/^[TE][A-Z0-9]{8,}$/);
const userId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
const botId = z.string().regex(/^B[A-Z0-9]{8,}$/);
const dmId = z.string().regex(/^[D][A-Z0-9]{8,}$/);
const channelId = z.string().regex(/^[CGD][A-Z0-9]{8,}$/);
export const slackTs = z.string().regex(/^\d{10}\.\d{6}$/);

const responseMetadata = z.strictObject({
  warnings: z.array(z.string()).optional(),
  next_cursor: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  acceptedScopes: z.array(z.string()).optional(),
  messages: z.array(z.string()).optional(),
});

// Keys any successful answer may carry (WebAPICallResult and the per-method types' `warning`).
const envelope = { ok: z.literal(true), warning: z.string().optional(), response_metadata: responseMetadata.optional() };

export const authTestOk = z.strictObject({
  ...envelope,
  url: z.url(),
  team: z.string(),
  user: z.string(),
  team_id: teamId,
  user_id: userId,
  bot_id: botId.optional(),
  is_enterprise_install: z.boolean().optional(),
  app_id: z.string().optional(),
  app_name: z.string().optional(),
  enterprise_id: z.string().optional(),
  expires_in: z.number().optional(),
});

export const conversationsOpenOk = z.strictObject({
  ...envelope,
  no_op: z.boolean().optional(),
  already_open: z.boolean().optional(),
  // The DM form of `channel` (the spec's second `items` entry): only the id is required.
  channel: z.strictObject({
    id: dmId,
    created: z.union([z.string(), z.number()]).optional(),
    is_im: z.boolean().optional(),
    is_open: z.boolean().optional(),
    last_read: slackTs.optional(),
    latest: z.record(z.string(), z.unknown()).nullable().optional(),
    unread_count: z.number().optional(),
    unread_count_display: z.number().optional(),
    user: userId.optional(),
    priority: z.number().optional(),
    context_team_id: z.string().optional(),
  }),
});

const block = z.looseObject({ type: z.string() });

/** objs_message, limited to the keys a bot's own chat.postMessage echo can carry (spec plus SDK type). */
export const slackMessage = z.strictObject({
  type: z.string(),
  text: z.string(),
  ts: slackTs,
  user: userId.optional(),
  bot_id: botId.nullable().optional(),
  app_id: z.string().optional(),
  team: workspaceId.optional(),
  blocks: z.array(block).optional(),
  thread_ts: slackTs.optional(),
  parent_user_id: userId.optional(),
  subtype: z.string().optional(),
  username: z.string().optional(),
  attachments: z.array(z.record(z.string(), z.unknown())).optional(),
  bot_profile: z.record(z.string(), z.unknown()).optional(),
  icons: z.record(z.string(), z.unknown()).optional(),
  metadata: z.strictObject({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).optional(),
});

/** A message as conversations.history / conversations.replies list it: objs_message plus the thread keys. */
export const listedMessage = slackMessage.extend({
  reply_count: z.number().int().optional(),
  latest_reply: slackTs.optional(),
  reply_users: z.array(userId).optional(),
  reply_users_count: z.number().int().optional(),
  subscribed: z.boolean().optional(),
});

export const conversationsHistoryOk = z.strictObject({
  ...envelope,
  messages: z.array(listedMessage),
  has_more: z.boolean(),
  pin_count: z.number().int(),
  channel_actions_ts: z.number().int().nullable(),
  channel_actions_count: z.number().int(),
});

export const conversationsRepliesOk = z.strictObject({
  ...envelope,
  // The thread's parent comes first.
  messages: z.array(listedMessage).min(1),
  has_more: z.boolean().optional(),
});

export const chatPostMessageOk = z.strictObject({
  ...envelope,
  channel: channelId,
  ts: slackTs,
  message: slackMessage,
});

/**
 * chat.update's answer (@slack/web-api 8.2.0 ChatUpdateResponse.ts; docs.slack.dev/reference/methods/chat.update,
 * whose example is {ok, channel, ts, text, message: {text, user}}): the message as it now reads, with `edited`.
 */
export const chatUpdateOk = z.strictObject({
  ...envelope,
  channel: channelId,
  ts: slackTs,
  text: z.string(),
  needed: z.string().optional(),
  provided: z.string().optional(),
  message: z.strictObject({
    type: z.string().optional(),
    text: z.string().optional(),
    user: userId.optional(),
    bot_id: botId.optional(),
    app_id: z.string().optional(),
    team: workspaceId.optional(),
    blocks: z.array(block).optional(),
    edited: z.strictObject({ user: userId, ts: slackTs }).optional(),
    metadata: z.strictObject({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).optional(),
  }),
});

/** chat.postEphemeral's answer (ChatPostEphemeralResponse.ts; docs.slack.dev/reference/methods/chat.postEphemeral): only message_ts. */
export const chatPostEphemeralOk = z.strictObject({ ...envelope, message_ts: slackTs, needed: z.string().optional(), provided: z.string().optional() });

/**
 * Every platform error: HTTP 200 (or 429 for `ratelimited`) with `ok: false`. `needed`/`provided` come with
 * missing_scope; `req_method` is what Slack echoes with `unknown_method` (observed on the live API).
 */
export const slackError = z.strictObject({
  ok: z.literal(false),
  error: z.string().regex(/^[a-z][a-z0-9_]*$/),
  needed: z.string().optional(),
  provided: z.string().optional(),
  warning: z.string().optional(),
  response_metadata: responseMetadata.optional(),
  callstack: z.string().optional(),
  req_method: z.string().optional(),
});
