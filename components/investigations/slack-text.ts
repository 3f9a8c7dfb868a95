// A stored DM is Slack mrkdwn: entities escaped and emoji as shortcodes. The timeline shows its words;
// the severity emoji Lookout puts first only repeat the word after them, so they are dropped.

export function readableSlackText(text: string): string {
  return text
    .replace(/:(red_circle|large_orange_circle|white_check_mark): ?/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
