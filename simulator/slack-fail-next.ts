import { z } from "zod";

// A scripted Slack refusal: the next matching call(s) answer HTTP 200 `{"ok":false,"error":...}`,
// the way Slack reports every platform error, so Lookout's failed-send path can be exercised.

export const slackFailMethods = ["chat.postMessage", "chat.update", "chat.postEphemeral", "conversations.open", "conversations.history", "conversations.replies", "*"] as const;

export const slackFailNextSchema = z.strictObject({
  method: z.enum(slackFailMethods),
  /** Any Slack error code: channel_not_found, not_in_channel, missing_scope, user_not_found, ... */
  error: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a Slack error code like channel_not_found"),
  /** How many matching calls fail; default 1. */
  times: z.number().int().positive().optional(),
});
export type SlackFailNext = z.infer<typeof slackFailNextSchema>;

/** Body of POST /_control/slack/fail-next; null clears it. */
export const slackFailNextInput = slackFailNextSchema.nullable();

/** The error code to answer `method` with, counting the script down; null when the call may proceed. */
export function takeSlackFailure(slack: { failNext: SlackFailNext | null }, method: string): string | null {
  const next = slack.failNext;
  if (!next || (next.method !== "*" && next.method !== method)) return null;
  const times = next.times ?? 1;
  slack.failNext = times <= 1 ? null : { ...next, times: times - 1 };
  return next.error;
}
