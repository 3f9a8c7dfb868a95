import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defaultAnthropicUsage, defaultReplyText, type ScriptedReply } from "../anthropic-script";
import { authToken, json, segments, type SimContext, type SimResponse, type VendorModule } from "../http";
import { checkToolPairing } from "./anthropic-tool-pairing";

// Anthropic Messages API (`ANTHROPIC_BASE_URL`, normally https://api.anthropic.com): POST /v1/messages.
// Replies come from state.anthropic.script. The API takes the key as `x-api-key`; the installed SDK
// sends it as `Authorization: Bearer <key>`, so both are accepted.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Ids shaped like the API's (`msg_01…`, `toolu_01…`, `req_011C…`). */
function apiId(prefix: string): string {
  return prefix + Array.from(randomBytes(22), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

// Status -> error.type as Anthropic's errors page pairs them (types as in the SDK's ErrorObject union).
const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  405: "invalid_request_error",
  413: "request_too_large",
  429: "rate_limit_error",
  504: "timeout_error",
  529: "overloaded_error",
};

function anthropicError(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  const requestId = apiId("req_011C");
  const type = errorTypes[status] ?? "api_error";
  return json(status, { type: "error", error: { type, message }, request_id: requestId }, { "request-id": requestId, ...headers });
}

const messagesRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]) }))
    .min(1),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal("text"), text: z.string() }))]).optional(),
  tools: z.array(z.looseObject({ name: z.string().min(1) })).optional(),
  stream: z.boolean().optional(),
});
type MessagesRequest = z.infer<typeof messagesRequest>;

function reply(request: MessagesRequest, scripted: ScriptedReply | undefined): SimResponse {
  const content = (scripted?.content ?? [{ type: "text" as const, text: defaultReplyText }]).map((block) =>
    block.type === "tool_use" ? { type: "tool_use", id: apiId("toolu_01"), name: block.name, input: block.input } : block,
  );
  const usage = { ...defaultAnthropicUsage, ...scripted?.usage };
  // The API never writes past max_tokens: an unscripted reply is cut there and says so (a script's usage is taken as given).
  const cut = scripted?.usage?.output_tokens === undefined && usage.output_tokens > request.max_tokens;
  if (cut) usage.output_tokens = request.max_tokens;
  const stopReason = scripted?.stop_reason ?? (cut ? "max_tokens" : content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");
  return json(200, {
    id: apiId("msg_01"),
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  });
}

function createMessage(ctx: SimContext): SimResponse {
  if (!ctx.headers["anthropic-version"]) return anthropicError(400, "anthropic-version: header is required");
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.body);
  } catch {
    return anthropicError(400, "There was an error parsing the body of your request. Make sure it is valid JSON.");
  }
  const parsed = messagesRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return anthropicError(400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid request"}`);
  }
  const request = parsed.data;
  if (request.stream) return anthropicError(400, "stream: the Lookout vendor simulator answers non-streaming requests only");
  const pairing = checkToolPairing(request.messages);
  if (pairing) return anthropicError(400, pairing);
  ctx.state.anthropic.received.push({
    model: request.model,
    system: request.system ?? null,
    tools: (request.tools ?? []).map((t) => t.name),
    messages: request.messages,
    at: new Date(ctx.now).toISOString(),
  });
  return reply(request, ctx.state.anthropic.script.shift());
}

export const anthropic: VendorModule = {
  vendor: "anthropic",

  authorize(ctx) {
    const header = ctx.headers["x-api-key"];
    const key = (Array.isArray(header) ? header[0] : header) ?? authToken(ctx, ["Bearer"]);
    if (!key) return anthropicError(401, "x-api-key header is required");
    if (key !== ctx.state.credentials.anthropicApiKey) return anthropicError(401, "invalid x-api-key");
    return null;
  },

  handle(ctx) {
    const path = segments(ctx.path).join("/");
    if (path !== "v1/messages") return anthropicError(404, "Not found");
    if (ctx.method !== "POST") return anthropicError(405, `Method ${ctx.method} not allowed`);
    return createMessage(ctx);
  },

  error(_ctx, status, message) {
    return anthropicError(status, status === 529 ? "Overloaded" : status === 500 ? "Internal server error" : message);
  },

  rateLimited(ctx, retryAfterS) {
    const wait = retryAfterS ?? 1;
    return anthropicError(429, "This request would exceed your organization's rate limit. Please try again later.", {
      "retry-after": String(wait),
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": new Date(ctx.now + wait * 1_000).toISOString(),
    });
  },

  decorate(_ctx, res) {
    res.headers["request-id"] ??= apiId("req_011C");
  },
};
