import type { KnownBlock } from "@slack/web-api";
import { redactText } from "@/lib/redact";
import type { SlackMessage } from "@/lib/slack/build-blocks";
import { escapeMrkdwn, formatDuration, slackLimits, truncateText } from "@/lib/slack/format-text";

/** A message this much later than it was written says so: a few retries' worth of delay is not news. */
export const LATE_AFTER_MS = 2 * 60_000;

export interface NoticeFacts {
  kind: "investigation" | "resolution";
  /** When the message was written to the outbox. */
  createdAt: Date;
  now: Date;
  /** The incident the message is about. */
  incident: { title: string; openedAt: Date; resolvedAt: Date | null } | null;
  /** Why earlier attempts failed, in the operator's words. */
  lastFailure: string | null;
}

const clock = (at: Date) => at.toISOString().slice(11, 16);

/**
 * The first line a delayed message gets: that its incident already resolved (from when to when), and
 * how late it is. Null for a message delivered on time about an incident still open.
 */
export function deliveryNotice(facts: NoticeFacts, credentials: string[]): string | null {
  const lateMs = facts.now.getTime() - facts.createdAt.getTime();
  const late = lateMs >= LATE_AFTER_MS ? `delivered ${formatDuration(Math.round(lateMs / 1000))} late${facts.lastFailure ? ` (${facts.lastFailure})` : ""}` : null;
  const incident = facts.incident;
  if (facts.kind === "resolution") return late ? `:hourglass: This message was ${late}.` : null;
  if (incident?.resolvedAt) {
    const title = escapeMrkdwn(redactText(incident.title, credentials));
    const span = `from ${clock(incident.openedAt)} to ${clock(incident.resolvedAt)} UTC`;
    return `:white_check_mark: *Resolved already:* ${title}, ${span}${late ? `; this message was ${late}` : ""}.`;
  }
  return late ? `:hourglass: This message was ${late}; the incident is still open.` : null;
}

/** The stored message with the notice as its first line, in the notification text and the blocks alike. */
export function withNotice(message: SlackMessage, notice: string | null): SlackMessage {
  if (!notice) return message;
  const line = truncateText(notice, slackLimits.section);
  const block: KnownBlock = { type: "section", text: { type: "mrkdwn", text: line } };
  // Not cut to the usual length: the stored text ends with the timeline link, which must survive.
  return { text: `${line}\n${message.text}`, blocks: [block, ...message.blocks] };
}
