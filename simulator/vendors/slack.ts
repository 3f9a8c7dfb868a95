import { createHash, randomBytes } from "node:crypto";
import { authToken, json, segments, type SimContext, type SimResponse, type VendorModule } from "../http";
import { takeSlackFailure } from "../slack-fail-next";
import type { SlackState } from "../state-types";

// Slack Web API (`SLACK_API_URL`, normally https://slack.com/api). @slack/web-api POSTs
// form-urlencoded bodies (objects such as `blocks` JSON-encoded) with `Authorization: Bearer xoxb-...`;
// JSON bodies and a `token` form field are accepted too, as Slack does. Platform errors are HTTP 200.

type Params = Record<string, unknown>;

function slackError(error: string, extra: Record<string, unknown> = {}): SimResponse {
  return json(200, { ok: false, error, ...extra });
}

function params(ctx: SimContext): Params {
  const fromQuery: Params = Object.fromEntries(ctx.query);
  if (ctx.headers["content-type"]?.includes("application/json")) {
    try {
      const body: unknown = JSON.parse(ctx.body || "{}");
      return typeof body === "object" && body !== null && !Array.isArray(body) ? { ...fromQuery, ...(body as Params) } : fromQuery;
    } catch {
      return fromQuery;
    }
  }
  return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(ctx.body)) };
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Stable per user, so a DM channel id survives reset() the way a real one survives restarts. */
export function dmChannelId(userId: string): string {
  return `D${createHash("sha256").update(userId).digest("hex").slice(0, 10).toUpperCase()}`;
}

/** Slack's `ts`: seconds.microseconds, unique and increasing within the workspace. */
function nextTs(slack: SlackState, now: number): string {
  const last = slack.messages.at(-1)?.ts;
  const lastMicros = last ? Number(last.replace(".", "")) : 0;
  const micros = Math.max(now * 1_000, lastMicros + 1);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
}

function conversationsOpen(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const users = str(p.users)?.split(",").map((u) => u.trim()).filter(Boolean) ?? [];
  if (users.length === 0) return slackError("users_list_not_supplied");
  // Group DMs are out of scope: Lookout only ever DMs one operator. Refused with a code conversations.open
  // documents (slack-api-specs), in the plain {ok, error} envelope: Slack adds no free-text fields to errors.
  if (users.length > 1) return slackError("method_not_supported_for_channel_type");
  const user = users[0] ?? "";
  if (!slack.users.includes(user)) return slackError("user_not_found");
  const already = Object.hasOwn(slack.dms, user);
  const id = dmChannelId(user);
  slack.dms[user] = id;
  return json(200, { ok: true, ...(already ? { no_op: true, already_open: true } : {}), channel: { id } });
}

/** A parameter the client JSON-encodes in a form body (blocks, metadata): null when absent, "invalid" when it does not parse. */
function jsonParam(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return "invalid";
  }
}

function parseBlocks(raw: unknown): Record<string, unknown>[] | null | "invalid" {
  const value = jsonParam(raw);
  if (value === null || value === "invalid") return value;
  if (!Array.isArray(value) || !value.every((b) => typeof b === "object" && b !== null && typeof (b as Params).type === "string")) return "invalid";
  return value as Record<string, unknown>[];
}

type Metadata = NonNullable<SlackState["messages"][number]["metadata"]>;

/** `metadata` as chat.postMessage takes it: a JSON object (or its string) with event_type and an event_payload object. */
function parseMetadata(raw: unknown): Metadata | null | "invalid" {
  const value = jsonParam(raw);
  if (value === null || value === "invalid") return value;
  const m = value as { event_type?: unknown; event_payload?: unknown };
  if (typeof m !== "object" || m === null || typeof m.event_type !== "string" || typeof m.event_payload !== "object" || m.event_payload === null || Array.isArray(m.event_payload)) return "invalid";
  return { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
}

function chatPostMessage(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const target = str(p.channel);
  if (!target) return slackError("channel_not_found");
  // Posting to a user id lands in the bot's DM with that user, as on Slack.
  const channel = slack.users.includes(target) ? (slack.dms[target] ??= dmChannelId(target)) : target;
  if (!Object.values(slack.dms).includes(channel)) return slackError("channel_not_found");
  const blocks = parseBlocks(p.blocks);
  if (blocks === "invalid") return slackError("invalid_blocks_format");
  const text = str(p.text) ?? "";
  if (!text && !blocks) return slackError("no_text");
  if (text.length > 40_000) return slackError("msg_too_long");
  const metadata = parseMetadata(p.metadata);
  if (metadata === "invalid") return slackError("invalid_metadata_format");
  const threadTs = str(p.thread_ts);
  const ts = nextTs(slack, ctx.now);
  slack.messages.push({ channel, text, blocks, threadTs, metadata, ts, at: new Date(ctx.now).toISOString() });
  const message = {
    type: "message",
    user: slack.bot.userId,
    bot_id: slack.bot.botId,
    team: slack.team.id,
    text,
    ts,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs, parent_user_id: slack.bot.userId } : {}),
  };
  return json(200, { ok: true, channel, ts, message });
}

/**
 * chat.update (docs.slack.dev/reference/methods/chat.update; @slack/web-api ChatUpdateResponse): replaces a
 * message the bot posted, found by channel and ts. Blocks left out keep the message's blocks, as Slack documents;
 * the answer is {ok, channel, ts, text, message}. A message it cannot find is `message_not_found`.
 */
function chatUpdate(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const channel = str(p.channel);
  if (!channel || !Object.values(slack.dms).includes(channel)) return slackError("channel_not_found");
  const message = slack.messages.find((m) => m.channel === channel && m.ts === str(p.ts));
  if (!message) return slackError("message_not_found");
  const blocks = parseBlocks(p.blocks);
  if (blocks === "invalid") return slackError("invalid_blocks_format");
  const text = str(p.text) ?? "";
  if (!text && !blocks) return slackError("no_text");
  if (text.length > 40_000) return slackError("msg_too_long");
  const at = new Date(ctx.now).toISOString();
  message.text = text;
  if (blocks) message.blocks = blocks;
  message.editedAt = at;
  slack.updates.push({ channel, ts: message.ts, text, blocks: message.blocks, at });
  const edited = { user: slack.bot.userId, ts: nextTs(slack, ctx.now) };
  return json(200, {
    ok: true,
    channel,
    ts: message.ts,
    text,
    message: { type: "message", user: slack.bot.userId, bot_id: slack.bot.botId, team: slack.team.id, text, ...(message.blocks ? { blocks: message.blocks } : {}), edited },
  });
}

/**
 * chat.postEphemeral (docs.slack.dev/reference/methods/chat.postEphemeral; ChatPostEphemeralResponse): a message
 * only `user` sees, answered {ok, message_ts}. A DM channel holds the bot and its one user, so posting there
 * for anyone else is `user_not_in_channel`.
 */
function chatPostEphemeral(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const user = str(p.user);
  if (!user || !slack.users.includes(user)) return slackError("user_not_found");
  const channel = str(p.channel);
  const dmOf = slack.users.find((u) => dmChannelId(u) === channel);
  if (!channel || !dmOf) return slackError("channel_not_found");
  if (dmOf !== user) return slackError("user_not_in_channel");
  const blocks = parseBlocks(p.blocks);
  if (blocks === "invalid") return slackError("invalid_blocks_format");
  const text = str(p.text) ?? "";
  if (!text && !blocks) return slackError("no_text");
  const messageTs = nextTs(slack, ctx.now);
  slack.ephemeral.push({ channel, user, text, blocks, messageTs, at: new Date(ctx.now).toISOString() });
  return json(200, { ok: true, message_ts: messageTs });
}

/** The message as conversations.history / conversations.replies return it; metadata only when asked for. */
function historyMessage(slack: SlackState, m: SlackState["messages"][number], withMetadata: boolean): Record<string, unknown> {
  const replies = slack.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts);
  return {
    type: "message",
    user: slack.bot.userId,
    bot_id: slack.bot.botId,
    text: m.text,
    ts: m.ts,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: slack.bot.userId } : {}),
    ...(replies.length ? { thread_ts: m.ts, reply_count: replies.length, latest_reply: replies.at(-1)?.ts } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** Reading a DM's messages needs im:history, as Slack's `missing_scope` answer says (needed / provided). */
function historyScopeMissing(slack: SlackState): SimResponse | null {
  return slack.scopes.includes("im:history") ? null : slackError("missing_scope", { needed: "im:history", provided: slack.scopes.join(",") });
}

const truthy = (v: unknown) => v === true || v === "true" || v === "1";

/** One page of `list` after `cursor`, as Slack pages: has_more and response_metadata.next_cursor. */
function page(list: Record<string, unknown>[], p: Params): { messages: Record<string, unknown>[]; has_more: boolean; response_metadata?: { next_cursor: string } } {
  const limit = Math.min(999, Math.max(1, Number(str(p.limit) ?? p.limit ?? 100) || 100));
  const start = Number(str(p.cursor)?.replace(/^next_ts:/, "") ?? 0) || 0;
  const messages = list.slice(start, start + limit);
  const more = start + limit < list.length;
  return { messages, has_more: more, ...(more ? { response_metadata: { next_cursor: `next_ts:${start + limit}` } } : {}) };
}

function inWindow(p: Params) {
  const oldest = Number(str(p.oldest) ?? p.oldest ?? 0) || 0;
  const latest = Number(str(p.latest) ?? p.latest ?? Infinity) || Infinity;
  return (ts: string) => Number(ts) >= oldest && Number(ts) <= latest;
}

/** conversations.history: a channel's top-level messages, newest first. */
function conversationsHistory(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const channel = str(p.channel);
  if (!channel || !Object.values(slack.dms).includes(channel)) return slackError("channel_not_found");
  const missing = historyScopeMissing(slack);
  if (missing) return missing;
  const within = inWindow(p);
  const top = slack.messages.filter((m) => m.channel === channel && !m.threadTs && within(m.ts)).reverse();
  const listed = page(top.map((m) => historyMessage(slack, m, truthy(p.include_all_metadata))), p);
  return json(200, { ok: true, ...listed, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0 });
}

/** conversations.replies: a thread's parent then its replies, oldest first. */
function conversationsReplies(ctx: SimContext, p: Params): SimResponse {
  const { slack } = ctx.state;
  const channel = str(p.channel);
  if (!channel || !Object.values(slack.dms).includes(channel)) return slackError("channel_not_found");
  const missing = historyScopeMissing(slack);
  if (missing) return missing;
  const ts = str(p.ts);
  const parent = slack.messages.find((m) => m.channel === channel && m.ts === ts && !m.threadTs);
  if (!parent) return slackError("thread_not_found");
  const within = inWindow(p);
  const thread = [parent, ...slack.messages.filter((m) => m.channel === channel && m.threadTs === ts && within(m.ts))];
  return json(200, { ok: true, ...page(thread.map((m) => historyMessage(slack, m, truthy(p.include_all_metadata))), p) });
}

function authTest(ctx: SimContext): SimResponse {
  const { team, bot } = ctx.state.slack;
  return json(200, { ok: true, url: `https://${team.domain}.slack.com/`, team: team.name, user: "lookout", team_id: team.id, user_id: bot.userId, bot_id: bot.botId });
}

const methods: Record<string, (ctx: SimContext, p: Params) => SimResponse> = {
  "auth.test": authTest,
  "conversations.open": conversationsOpen,
  "chat.postMessage": chatPostMessage,
  "chat.update": chatUpdate,
  "chat.postEphemeral": chatPostEphemeral,
  "conversations.history": conversationsHistory,
  "conversations.replies": conversationsReplies,
};

export const slack: VendorModule = {
  vendor: "slack",

  authorize(ctx) {
    const token = authToken(ctx, ["Bearer"]) ?? str(params(ctx).token);
    if (!token) return slackError("not_authed");
    if (token !== ctx.state.credentials.slackBotToken) return slackError("invalid_auth");
    return null;
  },

  handle(ctx) {
    const [api, method, ...rest] = segments(ctx.path);
    if (api !== "api" || !method || rest.length > 0) return json(404, { ok: false, error: "unknown_method" });
    const run = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!run) return slackError("unknown_method", { req_method: method });
    const scripted = takeSlackFailure(ctx.state.slack, method);
    if (scripted) return slackError(scripted);
    return run(ctx, params(ctx));
  },

  error(_ctx, status) {
    // The client reads only the status of a non-200 answer (slack_webapi_http_error).
    return json(status, { ok: false, error: status === 503 ? "service_unavailable" : "internal_error" });
  },

  rateLimited(_ctx, retryAfterS) {
    return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfterS ?? 1) });
  },

  decorate(_ctx, res) {
    res.headers["x-slack-req-id"] = randomBytes(16).toString("hex");
  },
};
