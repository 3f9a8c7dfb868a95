import { z } from "zod";

/**
 * The part of a block_actions payload Lookout reads (docs.slack.dev/reference/interaction-payloads/block_actions-payload):
 * who pressed, which button with which value and when, where the message is, and the trigger id. Slack sends
 * more keys; they are let through unread.
 */
export const blockActionsPayload = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  actions: z
    .array(z.looseObject({ action_id: z.string().min(1).max(255), value: z.string().max(2000).optional(), action_ts: z.string().regex(/^\d+(\.\d+)?$/) }))
    .min(1),
  container: z.looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  trigger_id: z.string().optional(),
});
export type BlockActionsPayload = z.infer<typeof blockActionsPayload>;

/** The form body's `payload` field, a JSON string, as a block_actions payload; null when it is anything else. */
export function parseInteractionBody(rawBody: string): BlockActionsPayload | null {
  const payload = new URLSearchParams(rawBody).get("payload");
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = blockActionsPayload.safeParse(json);
  return parsed.success ? parsed.data : null;
}
