import type { KnownBlock } from "@slack/web-api";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findActiveWindows, findSilencingWindow } from "@/lib/maintenance/maintenance-windows";
import { redactText } from "@/lib/redact";
import { INCIDENT_ACTIONS_BLOCK, incidentActions, type SlackMessage } from "@/lib/slack/build-blocks";
import { escapeMrkdwn, slackLimits, truncateText } from "@/lib/slack/format-text";

/** The incident's state as its first message shows it, read from our rows at delivery time. */
export interface IncidentState {
  acknowledged: { by: string; at: Date } | null;
  silenced: { until: Date; reason: string } | null;
  flapping: boolean;
  resolvedAt: Date | null;
}

/** The state of the session's incident now, or null when there is no such incident. */
export async function loadIncidentState(db: PrismaClient, sessionId: string, now: Date): Promise<IncidentState | null> {
  const incident = await db.incident.findUnique({
    where: { sessionId },
    select: { probe: true, acknowledgedAt: true, acknowledgedBy: true, flappingSince: true, flappingEndedAt: true, resolvedAt: true },
  });
  if (!incident) return null;
  const window = findSilencingWindow(await findActiveWindows(db, now), incident.probe, now);
  return {
    acknowledged: incident.acknowledgedAt ? { by: incident.acknowledgedBy ?? "someone", at: incident.acknowledgedAt } : null,
    silenced: window ? { until: window.endsAt, reason: window.reason } : null,
    flapping: Boolean(incident.flappingSince && !incident.flappingEndedAt),
    resolvedAt: incident.resolvedAt,
  };
}

const SLACK_ACTOR = /^slack:([UW][A-Z0-9]+)$/;
const at = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A Slack user is mentioned (`<@U…>`, which Slack shows as their name); anyone else is named as written, escaped. */
function actorText(actor: string, credentials: string[]): string {
  const slackUser = SLACK_ACTOR.exec(actor)?.[1];
  return slackUser ? `<@${slackUser}>` : escapeMrkdwn(redactText(actor, credentials));
}

/** One line per fact, in the order an operator asks: is it over, is someone on it, is it muted, is it noisy. */
export function describeIncidentState(state: IncidentState, credentials: string[], { resolutionTold = false } = {}): string[] {
  const lines: string[] = [];
  if (state.resolvedAt && !resolutionTold) lines.push(`:white_check_mark: *Resolved* at ${at(state.resolvedAt)}`);
  if (state.acknowledged) lines.push(`:eyes: *Acknowledged* by ${actorText(state.acknowledged.by, credentials)} at ${at(state.acknowledged.at)}`);
  if (state.silenced) lines.push(`:mute: *Silenced* until ${at(state.silenced.until)}: ${escapeMrkdwn(redactText(state.silenced.reason, credentials))}`);
  if (state.flapping) lines.push(":twisted_rightwards_arrows: *Flapping*: the probe keeps changing state; reminders wait until it settles");
  return lines;
}

/** Whether a button still applies: nothing to acknowledge once acknowledged or over, nothing to silence while silenced or over. */
function keepsButton(actionId: unknown, state: IncidentState): boolean {
  if (actionId === incidentActions.acknowledge) return !state.acknowledged && !state.resolvedAt;
  if (actionId === incidentActions.silence) return !state.silenced && !state.resolvedAt;
  return true;
}

type ActionsBlock = Extract<KnownBlock, { type: "actions" }>;

/**
 * The message with the incident's state drawn in: a section under the header (a context-free message gets it
 * first) and the buttons that no longer apply taken out. The same state always draws the same message, so
 * redrawing it again (a retried chat.update) changes nothing. `resolutionTold`: a late message's notice already
 * says it resolved.
 */
export function withIncidentState(message: SlackMessage, state: IncidentState | null, credentials: string[], options: { resolutionTold?: boolean } = {}): SlackMessage {
  if (!state) return message;
  const blocks = message.blocks.map((block) =>
    block.type === "actions" && block.block_id === INCIDENT_ACTIONS_BLOCK ? { ...block, elements: block.elements.filter((e) => keepsButton((e as { action_id?: unknown }).action_id, state)) } : block,
  ) as KnownBlock[];
  const kept = blocks.filter((b) => b.type !== "actions" || (b as ActionsBlock).elements.length > 0);
  const lines = describeIncidentState(state, credentials, options);
  if (lines.length === 0) return { text: message.text, blocks: kept };
  const line = truncateText(lines.join("\n"), slackLimits.section);
  const section: KnownBlock = { type: "section", text: { type: "mrkdwn", text: line } };
  const header = kept.findIndex((b) => b.type === "header");
  kept.splice(header + 1, 0, section);
  return { text: `${lines.join(" · ")}\n${message.text}`, blocks: kept };
}
