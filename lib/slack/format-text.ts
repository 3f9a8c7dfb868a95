// Slack's limits and mrkdwn rules in one place, so the block builders stay declarative.

/** Characters Slack allows in one block's text: sections and context elements, headers, button labels. */
export const slackLimits = { section: 3000, context: 3000, header: 150, fallback: 4000 } as const;

/** mrkdwn treats &, < and > as control characters; escaping keeps a title from becoming a link or mention. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts text to at most `max` characters with an ellipsis, never leaving half an escaped entity behind. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, "")}…`;
}

/** A duration as an operator reads it: "45 s", "12 min", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}
