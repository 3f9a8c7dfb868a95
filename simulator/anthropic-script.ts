import { z } from "zod";

// What the simulated Messages API answers: a queue of scripted replies, one consumed per request.
// A reply may name the probe (or incident session id) it answers as its `key`: a request takes the
// first queued reply whose key matches the `Probe:` or `Session:` line of its first user message, or
// that has no key, so investigations running at once never take each other's replies. The simulator
// fills in what the real API would assign (ids, model, stop_reason, full usage).

export const anthropicStopReasons = ["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal", "model_context_window_exceeded"] as const;

export const scriptedReplySchema = z.strictObject({
  /** The probe (`fly`) or incident session id this reply answers; none answers any request. */
  key: z.string().trim().min(1).max(200).optional(),
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
  "keep watching the probe and act if it persists.";

/** The tool Lookout's investigator finishes with; the simulator speaks the API, so it keeps its own copy of the name. */
export const REPORT_TOOL = "report_findings";

/** What a report_findings call carries, as Lookout's investigator asks for it. */
export interface ScriptedFindings {
  what_is_wrong: string;
  likely_cause: string;
  next_steps: string[];
  confidence: "low" | "medium" | "high";
}

export interface ScriptOptions {
  /** The probe or session id the reply answers; unkeyed replies answer any request. */
  key?: string;
  usage?: ScriptedReply["usage"];
}

const keyed = ({ key, usage }: ScriptOptions) => ({ ...(key ? { key } : {}), ...(usage ? { usage } : {}) });

/** One plain text reply (end_turn). */
export function scriptText(text: string, options: ScriptOptions = {}): ScriptedReply[] {
  return [{ ...keyed(options), content: [{ type: "text", text }] }];
}

/** One report_findings call: the investigator's final answer. */
export function scriptFindings(findings: ScriptedFindings, options: ScriptOptions = {}): ScriptedReply[] {
  return [{ ...keyed(options), content: [{ type: "tool_use", name: REPORT_TOOL, input: { ...findings } }] }];
}

/** Honest findings about one failed machine: analysis only, never a word on what was done. */
export function machineFindings(app: string, machineId: string): ScriptedFindings {
  return {
    what_is_wrong: `Machine ${machineId} in ${app} is failing its health check (state failed, check critical).`,
    likely_cause: "Its process stopped answering the health check: a crash, an out-of-memory kill or a bad release are the usual causes.",
    next_steps: [`Read the logs of ${machineId} around the time its check turned critical.`, `If ${machineId} fails again, look at the latest release of ${app}.`],
    confidence: "medium",
  };
}

/**
 * The autofix round trip: the model asks to restart one Fly machine, then, once Lookout returns the
 * tool_result, files its findings. Keyed to the fly probe unless told otherwise, since only Fly has a fix.
 */
export function scriptRestart(
  app: string,
  machineId: string,
  { key = "fly", reason = "Health check critical; a restart is inside the envelope.", findings = machineFindings(app, machineId) }: { key?: string; reason?: string; findings?: ScriptedFindings } = {},
): ScriptedReply[] {
  return [
    {
      key,
      content: [
        { type: "text", text: `Machine ${machineId} of ${app} is failing its health check; asking for a restart.` },
        { type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId, reason } },
      ],
    },
    ...scriptFindings(findings, { key }),
  ];
}
