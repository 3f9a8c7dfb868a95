// Anthropic Messages API contract: POST /v1/messages (a non-streaming Message) and its error body.
// Sources, read 2026-11-30:
// - @anthropic-ai/sdk 1.14.0 (anthropics/anthropic-sdk-typescript, as installed): src/resources/messages/messages.ts
//   (Message, ContentBlock, TextBlock, ToolUseBlock, ThinkingBlock, RedactedThinkingBlock, StopReason, Usage,
//   CacheCreation, RefusalStopDetails, Container, Diagnostics) and src/resources/shared.ts (ErrorResponse,
//   ErrorObject and its nine `type`s); src/core/error.ts reads an optional `error.details.error_code`.
// - The "Create a Message" API reference (docs.anthropic.com, stored copy): id, type, role, content, model,
//   stop_reason, stop_sequence and usage are required, with the example
//   {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", ..., "stop_sequence": null, "usage": {"input_tokens": 2095, ...}}.
// The SDK types several response keys as `X | null` (container, diagnostics, stop_details, usage.cache_creation,
// text citations, tool_use caller...) that the reference's own example omits; those are allowed, not required.
import { z } from "zod";

export const anthropicStopReasons = ["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal", "model_context_window_exceeded"] as const;

export const anthropicErrorTypes = [
  "invalid_request_error",
  "authentication_error",
  "billing_error",
  "permission_error",
  "not_found_error",
  "rate_limit_error",
  "timeout_error",
  "api_error",
  "overloaded_error",
] as const;

const caller = z.union([
  z.strictObject({ type: z.literal("direct") }),
  z.strictObject({ type: z.enum(["code_execution_20250825", "code_execution_20260120"]), tool_id: z.string() }),
]);

const textBlock = z.strictObject({
  type: z.literal("text"),
  text: z.string(),
  citations: z.array(z.record(z.string(), z.unknown())).nullish(),
});

export const toolUseBlock = z.strictObject({
  type: z.literal("tool_use"),
  id: z.string().regex(/^toolu_[A-Za-z0-9]+$/),
  name: z.string().min(1),
  // The model's arguments for a custom tool are always a JSON object (the tool's input_schema has type object).
  input: z.record(z.string(), z.unknown()),
  caller: caller.optional(),
  toolset_name: z.string().nullish(),
});

// Lookout offers no server tools, so these four are the only blocks a reply to it can contain.
const contentBlock = z.discriminatedUnion("type", [
  textBlock,
  toolUseBlock,
  z.strictObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  z.strictObject({ type: z.literal("redacted_thinking"), data: z.string() }),
]);

const tokens = z.number().int().nonnegative();

export const anthropicUsage = z.strictObject({
  input_tokens: tokens,
  output_tokens: tokens,
  cache_creation_input_tokens: tokens.nullish(),
  cache_read_input_tokens: tokens.nullish(),
  cache_creation: z.strictObject({ ephemeral_1h_input_tokens: tokens, ephemeral_5m_input_tokens: tokens }).nullish(),
  server_tool_use: z.strictObject({ web_fetch_requests: tokens, web_search_requests: tokens }).nullish(),
  output_tokens_details: z.strictObject({ thinking_tokens: tokens }).nullish(),
  inference_geo: z.string().nullish(),
  service_tier: z.enum(["standard", "priority", "batch"]).nullish(),
  speed: z.enum(["standard", "fast"]).nullish(),
});

export const anthropicMessage = z.strictObject({
  id: z.string().regex(/^msg_[A-Za-z0-9]+$/),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string().min(1).max(256),
  content: z.array(contentBlock),
  // Never null on a non-streaming answer (the reference: null only in a stream's message_start).
  stop_reason: z.enum(anthropicStopReasons),
  stop_sequence: z.string().nullable(),
  usage: anthropicUsage,
  container: z.strictObject({ id: z.string(), expires_at: z.string(), skills: z.array(z.unknown()).nullish() }).nullish(),
  diagnostics: z.strictObject({ cache_miss_reason: z.unknown() }).nullish(),
  stop_details: z
    .strictObject({
      type: z.literal("refusal"),
      category: z.enum(["cyber", "bio", "frontier_llm", "reasoning_extraction", "general_harms"]).nullable(),
      explanation: z.string().nullable(),
    })
    .nullish(),
});

export const anthropicError = z.strictObject({
  type: z.literal("error"),
  error: z.strictObject({
    type: z.enum(anthropicErrorTypes),
    message: z.string().min(1),
    details: z.looseObject({ error_code: z.string() }).nullish(),
  }),
  request_id: z.string().regex(/^req_[A-Za-z0-9]+$/).nullable(),
});

