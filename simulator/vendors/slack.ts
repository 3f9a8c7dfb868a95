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

function parseBlocks(raw: unknown): Record<string, unknown>[] | null | "invalid" {
  if (raw === undefined || raw === null || raw === "") return null;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return "invalid";
    }
  }
  if (!Array.isArray(value) || !value.every((b) => typeof b === "object" && b !== null && typeof (b as Params).type === "string")) return "invalid";
  return value as Record<string, unknown>[];
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
  const threadTs = str(p.thread_ts);
  const ts = nextTs(slack, ctx.now);
  slack.messages.push({ channel, text, blocks, threadTs, ts, at: new Date(ctx.now).toISOString() });
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

function authTest(ctx: SimContext): SimResponse {
  const { team, bot } = ctx.state.slack;
  return json(200, { ok: true, url: `https://${team.domain}.slack.com/`, team: team.name, user: "lookout", team_id: team.id, user_id: bot.userId, bot_id: bot.botId });
}

const methods: Record<string, (ctx: SimContext, p: Params) => SimResponse> = {
  "auth.test": authTest,
  "conversations.open": conversationsOpen,
  "chat.postMessage": chatPostMessage,
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
