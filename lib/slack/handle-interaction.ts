import { databaseNow } from "@/lib/db/dialect";
import type { Env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { acknowledgeIncidentIn } from "@/lib/incidents/acknowledge-incident";
import { createMaintenanceWindowIn } from "@/lib/maintenance/maintenance-windows";
import type { ProbeName } from "@/lib/probes/types";
import { incidentActions } from "@/lib/slack/build-blocks";
import { truncateText } from "@/lib/slack/format-text";
import type { BlockActionsPayload } from "@/lib/slack/interaction-payload";
import { queueDmUpdate } from "@/lib/slack/queue-dm-update";

export type InteractionOutcome = "acknowledged" | "already_acknowledged" | "resolved" | "silenced" | "not_found" | "not_allowed" | "duplicate" | "ignored";

export interface InteractionResult {
  outcome: InteractionOutcome;
  /** Something was queued for Slack (a redraw of the incident's message): drain the outbox. */
  drain: boolean;
  /** A reply only the presser sees, when they may not act. */
  ephemeral: { channel: string; user: string; text: string } | null;
}

export const SILENCE_MINUTES = 60;
export const NOT_ALLOWED_TEXT = "Only the Lookout operator can acknowledge or silence its incidents.";

/**
 * Acts on one verified button press. Only the configured operator may act; the press is recorded as a
 * SlackInteraction row in the same transaction as its effect, so Slack delivering the same payload again
 * (it retries when an answer is slow) acts once.
 */
export async function handleSlackInteraction(payload: BlockActionsPayload, { db, env }: { db: PrismaClient; env: Env }): Promise<InteractionResult> {
  const action = payload.actions[0]!;
  const user = payload.user.id;
  const none = (outcome: InteractionOutcome): InteractionResult => ({ outcome, drain: false, ephemeral: null });
  // The timeline button is a link; Slack still reports the click, and there is nothing to do.
  if (action.action_id !== incidentActions.acknowledge && action.action_id !== incidentActions.silence) return none("ignored");
  if (user !== env.SLACK_OPERATOR_USER_ID) {
    const channel = payload.channel?.id ?? payload.container?.channel_id;
    return { outcome: "not_allowed", drain: false, ephemeral: channel ? { channel, user, text: NOT_ALLOWED_TEXT } : null };
  }
  const sessionId = action.value;
  if (!sessionId) return none("not_found");
  // Who pressed what, at the press's own time: every redelivery of a payload carries the same three, while
  // two presses never share an action_ts. (trigger_id is documented only as short-lived, for opening modals.)
  const id = `${user}:${action.action_id}:${action.action_ts}`;
  try {
    const outcome = await db.$transaction(async (tx) => {
      const incident = await tx.incident.findUnique({ where: { sessionId }, select: { probe: true, title: true } });
      if (!incident) return "not_found" as const;
      const at = await databaseNow(tx);
      await tx.slackInteraction.create({ data: { id, userId: user, action: action.action_id, sessionId, receivedAt: at } });
      const actor = `slack:${user}`;
      if (action.action_id === incidentActions.acknowledge) return acknowledgeIncidentIn(tx, { sessionId, actor, via: "slack", now: at });
      return silenceProbe(tx, { sessionId, probe: incident.probe as ProbeName, title: incident.title, actor, at });
    });
    return { outcome, drain: outcome === "acknowledged" || outcome === "silenced", ephemeral: null };
  } catch (error) {
    if (isUniqueViolation(error)) return none("duplicate");
    throw error;
  }
}

/** An hour's window for the incident's probe, and the redraw that shows it on the incident's message. */
async function silenceProbe(tx: Prisma.TransactionClient, s: { sessionId: string; probe: ProbeName; title: string; actor: string; at: Date }): Promise<"silenced"> {
  const reason = truncateText(`Silenced from Slack: ${s.title}`, 200);
  const window = await createMaintenanceWindowIn(tx, { scope: s.probe, durationMinutes: SILENCE_MINUTES, reason }, s.actor, s.at);
  await queueDmUpdate(tx, s.sessionId, `silenced:${window.id}`, s.at);
  return "silenced";
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
