import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defaultFindings } from "../anthropic-defaults";
import { defaultAnthropicUsage, defaultReplyText, REPORT_TOOL, type ScriptedReply } from "../anthropic-script";
import { authToken, json, segments, type SimContext, type SimResponse, type VendorModule } from "../http";
import { checkToolPairing } from "./anthropic-tool-pairing";

// Anthropic Messages API (`ANTHROPIC_BASE_URL`, normally https://api.anthropic.com): POST /v1/messages.
// Replies come from state.anthropic.script, matched to the request by key (see anthropic-script.ts).
// The API takes the key as `x-api-key`; the installed SDK sends it as `Authorization: Bearer <key>`,
// so both are accepted.

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
  // A custom tool needs an object input_schema; server tools (a `type` other than custom) carry none.
  tools: z
    .array(
      z
        .looseObject({ name: z.string().min(1), type: z.string().optional(), input_schema: z.looseObject({ type: z.literal("object") }).optional() })
        .refine((t) => (t.type !== undefined && t.type !== "custom") || t.input_schema !== undefined, { message: "input_schema: Field required", path: ["input_schema"] }),
    )
    .optional(),
  tool_choice: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal("tool"), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal("none") }),
    ])
    .optional(),
  stream: z.boolean().optional(),
});
type MessagesRequest = z.infer<typeof messagesRequest>;

/** The API's 400 for a tool_choice that asks for a tool the request does not offer, or null. */
function checkToolChoice(request: MessagesRequest): string | null {
  const choice = request.tool_choice;
  const names = (request.tools ?? []).map((t) => t.name);
  if ((choice?.type === "any" || choice?.type === "tool") && names.length === 0) return `tool_choice: tool_choice.type "${choice.type}" requires tools`;
  if (choice?.type === "tool" && !names.includes(choice.name)) return `tool_choice.name: tool "${choice.name}" is not among the tools provided`;
  return null;
}

/** The probe and the session id the request's first user message names (`Probe: fly`, `Session: …`). */
export function readRequestKeys(request: Pick<MessagesRequest, "messages">): { probe: string | null; sessionId: string | null; text: string } {
  const first = request.messages.find((m) => m.role === "user");
  const content = first?.content ?? "";
  const text = typeof content === "string" ? content : content.map((b) => (b.type === "text" && typeof b.text === "string" ? b.text : "")).join("\n");
  return { probe: /^Probe: *(\S+) *$/m.exec(text)?.[1] ?? null, sessionId: /^Session: *(\S+) *$/m.exec(text)?.[1] ?? null, text };
}

/** Takes the first queued reply this request may have: unkeyed, or keyed to its probe or session. */
function takeScripted(script: ScriptedReply[], keys: { probe: string | null; sessionId: string | null }): ScriptedReply | undefined {
  const at = script.findIndex((r) => r.key === undefined || r.key === keys.probe || r.key === keys.sessionId);
  return at < 0 ? undefined : script.splice(at, 1)[0];
}

/**
 * What nobody scripted: for an investigation (it offers report_findings), honest findings about the
 * probe it names; for any other request, a short text.
 */
function defaultContent(request: MessagesRequest): ScriptedReply["content"] {
  if (!(request.tools ?? []).some((t) => t.name === REPORT_TOOL)) return [{ type: "text", text: defaultReplyText }];
  const { probe, text } = readRequestKeys(request);
  return [{ type: "tool_use", name: REPORT_TOOL, input: { ...defaultFindings(probe, text) } }];
}

function reply(request: MessagesRequest, scripted: ScriptedReply | undefined): SimResponse {
  const content = (scripted?.content ?? defaultContent(request)).map((block) =>
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
  const refusal = checkToolPairing(request.messages) ?? checkToolChoice(request);
  if (refusal) return anthropicError(400, refusal);
  ctx.state.anthropic.received.push({
    model: request.model,
    system: request.system ?? null,
    tools: (request.tools ?? []).map((t) => t.name),
    messages: request.messages,
    at: new Date(ctx.now).toISOString(),
  });
  return reply(request, takeScripted(ctx.state.anthropic.script, readRequestKeys(request)));
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
