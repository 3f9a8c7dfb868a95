import type { KnownBlock } from "@slack/web-api";
import { sessionHref } from "@/lib/incidents/session-href";
import { redactText } from "@/lib/redact";
import type { SlackMessage } from "@/lib/slack/build-blocks";
import { escapeMrkdwn, formatDuration, slackLimits, truncateText } from "@/lib/slack/format-text";

export interface ReminderDm {
  sessionId: string;
  title: string;
  /** How long the incident has been open, in seconds. */
  openForS: number;
  /** The probe's figures in its latest snapshot, as the detector describes them ("2 of 3 machines started"). */
  figures: string;
  status: string;
}

/**
 * The short reply that keeps an open, unacknowledged incident in front of the operator: how long it has
 * been open and the figures now. It is not an investigation: no model is asked for it.
 */
export function buildReminderMessage(dm: ReminderDm, publicUrl: string, credentials: string[] = []): SlackMessage {
  const clean = (text: string) => escapeMrkdwn(redactText(text, credentials));
  const line = truncateText(`Still open after ${formatDuration(dm.openForS)}: ${clean(dm.title)}`, slackLimits.section - 200);
  const now = truncateText(`Now ${dm.status}${dm.figures ? `: ${clean(dm.figures)}` : ""}.`, slackLimits.context);
  const url = redactText(`${publicUrl}${sessionHref(dm.sessionId)}`, credentials);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:hourglass_flowing_sand: ${line}` } },
    { type: "context", elements: [{ type: "mrkdwn", text: `${now} Acknowledge to stop these reminders.` }] },
    {
      type: "actions",
      elements: [
        { type: "button", action_id: "acknowledge", style: "primary", text: { type: "plain_text", text: "Acknowledge" }, value: dm.sessionId },
        { type: "button", action_id: "open_timeline", text: { type: "plain_text", text: "Open timeline" }, url },
      ],
    },
  ];
  return { text: `${line}\n${now}\n${url}`, blocks };
}
