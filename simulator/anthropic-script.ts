import { z } from "zod";

// What the simulated Messages API answers: a queue of scripted replies, one consumed per request.
// The simulator fills in what the real API would assign (ids, model, stop_reason, full usage).

export const anthropicStopReasons = ["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal", "model_context_window_exceeded"] as const;

export const scriptedReplySchema = z.strictObject({
  content: z
    .array(
      z.discriminatedUnion("type", [
        z.strictObject({ type: z.literal("text"), text: z.string() }),
        z.strictObject({ type: z.literal("tool_use"), name: z.string().min(1), input: z.record(z.string(), z.unknown()) }),
      ]),
    )
    .min(1),
  stop_reason: z.enum(anthropicStopReasons).optional(),
  usage: z
    .strictObject({
      input_tokens: z.number().int().nonnegative(),
      output_tokens: z.number().int().nonnegative(),
      cache_creation_input_tokens: z.number().int().nonnegative(),
      cache_read_input_tokens: z.number().int().nonnegative(),
    })
    .partial()
    .optional(),
});
export type ScriptedReply = z.infer<typeof scriptedReplySchema>;
export type AnthropicUsage = Required<NonNullable<ScriptedReply["usage"]>>;

/** Body of POST /_control/anthropic/script; `append` keeps what is already queued. */
export const scriptAnthropicInput = z.strictObject({ replies: z.array(scriptedReplySchema), append: z.boolean().optional() });

/** Usage of a reply that scripts none: a plausible investigation turn, so cost figures are non-zero. */
export const defaultAnthropicUsage: Readonly<AnthropicUsage> = Object.freeze({
  input_tokens: 1200,
  output_tokens: 250,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

export const defaultReplyText =
  "Simulator default reply: no scripted answer was queued. From the evidence given, the signal looks transient; " +
  "keep watching the probe and act if it persists. No fix was attempted.";

/** One plain text reply (end_turn). */
export function scriptText(text: string, usage?: ScriptedReply["usage"]): ScriptedReply[] {
  return [{ content: [{ type: "text", text }], ...(usage ? { usage } : {}) }];
}

/**
 * The autofix round trip: the model asks to restart one Fly machine, then, once Lookout returns the
 * tool_result, writes its summary.
 */
export function scriptRestart(app: string, machineId: string, reason = "Health check critical; a restart is inside the envelope."): ScriptedReply[] {
  return [
    {
      content: [
        { type: "text", text: `Machine ${machineId} of ${app} is failing its health check. Restarting it.` },
        { type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId, reason } },
      ],
    },
    ...scriptText(`Restarted machine ${machineId} of ${app}; its health check should pass again within a minute. Watch for a repeat.`),
  ];
}
