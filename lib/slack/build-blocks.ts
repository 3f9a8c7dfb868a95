import type { KnownBlock } from "@slack/web-api";
import { sessionHref } from "@/lib/incidents/session-href";
import { analysisHeadings, describeClaimMismatch, formatReportText, type InvestigationReport } from "@/lib/investigate/investigation-report";
import { getProbe } from "@/lib/probes/registry";
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

/** The buttons' action ids: what the interactions route receives back when one is pressed. */
export const incidentActions = { acknowledge: "acknowledge", silence: "silence_1h", openTimeline: "open_timeline" } as const;
/** The actions block's id, so the incident's state can drop buttons that no longer apply. */
export const INCIDENT_ACTIONS_BLOCK = "incident_actions";

const timelineButton = (url: string) => ({ type: "button" as const, action_id: incidentActions.openTimeline, text: { type: "plain_text" as const, text: "Open timeline" }, url });

function buildTimelineButton(url: string): KnownBlock {
  return { type: "actions", elements: [timelineButton(url)] };
}

/** Acknowledge and silence carry the session id; Slack sends it back as the action's `value`. */
function buildIncidentButtons(sessionId: string, url: string): KnownBlock {
  return {
    type: "actions",
    block_id: INCIDENT_ACTIONS_BLOCK,
    elements: [
      { type: "button", action_id: incidentActions.acknowledge, style: "primary", text: { type: "plain_text", text: "Acknowledge" }, value: sessionId },
      { type: "button", action_id: incidentActions.silence, text: { type: "plain_text", text: "Silence 1 h" }, value: sessionId },
      timelineButton(url),
    ],
  };
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncateText(text, slackLimits.section) } });
const bullets = (lines: string[]) => lines.map((line) => `• ${line}`).join("\n");

/** The analysis part in mrkdwn, its heading saying whose words they are. */
function analysisText({ analysis }: InvestigationReport, clean: (text: string) => string): string {
  const heading = `*${analysisHeadings[analysis.format]}*${analysis.format === "report" ? ` · confidence ${analysis.confidence}` : ""}`;
  if (analysis.format !== "report") return `${heading}\n${clean(analysis.text) || "_Nothing left to show._"}`;
  const lines = [
    ...(analysis.whatIsWrong ? [`*What is wrong:* ${clean(analysis.whatIsWrong)}`] : []),
    ...(analysis.likelyCause ? [`*Likely cause:* ${clean(analysis.likelyCause)}`] : []),
    ...(analysis.nextSteps.length ? [`*Next steps:*\n${bullets(analysis.nextSteps.map(clean))}`] : []),
  ];
  return [heading, ...(lines.length ? lines : ["_Nothing left to show._"])].join("\n");
}

/**
 * The DM that tells the operator what woke Lookout, what Lookout did (from its records) and what Claude
 * thinks, as sections apart (a divider between them); a claim the records contradict is replaced by a warning line. Every
 * string is redacted and mrkdwn-escaped first.
 */
export function buildInvestigationMessage(dm: InvestigationDm, publicUrl: string, credentials: string[] = []): SlackMessage {
  const clean = (text: string) => escapeMrkdwn(redactText(text, credentials));
  const { report } = dm;
  const severity = severityLabels[dm.severity];
  const title = redactText(dm.title, credentials);
  const url = buildTimelineUrl(publicUrl, dm.sessionId, credentials);

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", emoji: true, text: truncateText(`${severity.emoji} ${severity.word}: ${title}`, slackLimits.header) } },
    section(`*Lookout did*\n${bullets(report.lookoutDid.map(clean))}`),
    ...(report.claimMismatch ? [section(`:warning: ${clean(describeClaimMismatch(report.claimMismatch))}`)] : []),
    // A rule between Lookout's records and the model's words, so the two never read as one.
    { type: "divider" },
    section(analysisText(report, clean)),
    { type: "context", elements: [`*${clean(probeLabel(dm.probe))}*`, engineLabels[dm.engine]].map((text) => ({ type: "mrkdwn", text: truncateText(text, slackLimits.context) })) },
    buildIncidentButtons(dm.sessionId, url),
  ];
  // The notification text carries both parts too, cut before the link so the link always survives.
  const head = `${severity.emoji} ${severity.word}: ${escapeMrkdwn(title)}`;
  const body = truncateText(clean(formatReportText(report)), slackLimits.fallback - head.length - url.length - 2);
  return { text: `${head}\n${body}\n${url}`, blocks };
}

/** The vendor's own name ("Fly.io"), as the dashboard shows it. */
function probeLabel(probe: string): string {
  return getProbe(probe)?.label ?? probe;
}

/** The reply that closes the incident's thread: "Resolved: <title> after 12 min" and the timeline link. */
export function buildResolutionMessage(dm: ResolutionDm, publicUrl: string, credentials: string[] = []): SlackMessage {
  const title = escapeMrkdwn(redactText(dm.title, credentials));
  const line = truncateText(`Resolved: ${title} after ${formatDuration(dm.durationS)}`, slackLimits.section - 20);
  const url = buildTimelineUrl(publicUrl, dm.sessionId, credentials);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${line}` } },
    { type: "context", elements: [{ type: "mrkdwn", text: `*${escapeMrkdwn(redactText(probeLabel(dm.probe), credentials))}*` }] },
    buildTimelineButton(url),
  ];
  return { text: `${line}\n${url}`, blocks };
}
