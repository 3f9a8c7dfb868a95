import type { KnownBlock } from "@slack/web-api";
import { sessionHref } from "@/lib/incidents/session-href";
import { redactText } from "@/lib/redact";
import { escapeMrkdwn, formatDuration, slackLimits, truncateText } from "@/lib/slack/format-text";
import type { InvestigationDm, ResolutionDm } from "@/lib/slack/types";

/** What chat.postMessage receives: `text` is the notification and the fallback where blocks cannot show. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const severityLabels = {
  critical: { emoji: ":red_circle:", word: "Critical" },
  warning: { emoji: ":large_orange_circle:", word: "Warning" },
} as const;

const engineLabels = {
  claude: "AI investigation",
  fallback: "Fallback summary (AI unavailable)",
} as const satisfies Record<InvestigationDm["engine"], string>;

/** The session's timeline page; masked too, since a public URL with user:password@ would leak it. */
function buildTimelineUrl(publicUrl: string, sessionId: string, credentials: string[]): string {
  return redactText(`${publicUrl}${sessionHref(sessionId)}`, credentials);
}

function buildTimelineButton(url: string): KnownBlock {
  return {
    type: "actions",
    elements: [{ type: "button", action_id: "open_timeline", text: { type: "plain_text", text: "Open timeline" }, url }],
  };
}

/** The DM that tells the operator what woke Lookout and what it found. Every string is redacted first. */
export function buildInvestigationMessage(dm: InvestigationDm, publicUrl: string, credentials: string[] = []): SlackMessage {
  const clean = (text: string) => redactText(text, credentials);
  const severity = severityLabels[dm.severity];
  const title = clean(dm.title);
  const summary = truncateText(escapeMrkdwn(clean(dm.summary)), slackLimits.section);
  const url = buildTimelineUrl(publicUrl, dm.sessionId, credentials);
  const context = [`*${escapeMrkdwn(clean(dm.probe))}*`, engineLabels[dm.engine]];
  if (dm.autofix) context.push(`Autofix: ${escapeMrkdwn(clean(dm.autofix))}`);

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", emoji: true, text: truncateText(`${severity.emoji} ${severity.word}: ${title}`, slackLimits.header) } },
    { type: "section", text: { type: "mrkdwn", text: summary } },
    { type: "context", elements: context.map((text) => ({ type: "mrkdwn", text: truncateText(text, slackLimits.context) })) },
    buildTimelineButton(url),
  ];
  const text = truncateText(`${severity.emoji} ${severity.word}: ${escapeMrkdwn(title)}\n${summary}\n${url}`, slackLimits.fallback);
  return { text, blocks };
}

/** The reply that closes the incident's thread: "Resolved: <title> after 12 min" and the timeline link. */
export function buildResolutionMessage(dm: ResolutionDm, publicUrl: string, credentials: string[] = []): SlackMessage {
  const title = escapeMrkdwn(redactText(dm.title, credentials));
  const line = truncateText(`Resolved: ${title} after ${formatDuration(dm.durationS)}`, slackLimits.section - 20);
  const url = buildTimelineUrl(publicUrl, dm.sessionId, credentials);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${line}` } },
    { type: "context", elements: [{ type: "mrkdwn", text: `*${escapeMrkdwn(redactText(dm.probe, credentials))}*` }] },
    buildTimelineButton(url),
  ];
  return { text: `${line}\n${url}`, blocks };
}
