// What the demo's terminal prints for each DM the simulated Slack received: its first line and, for an
// investigation, what Lookout did, so the story's outcome (restarted or not, and why) shows right there.

export function describeReceivedDm(message: { text: string; threadTs: string | null }): string[] {
  const lines = message.text.split("\n");
  const head = `[demo] Slack DM${message.threadTs ? " (in thread)" : ""}: ${lines[0] ?? ""}`;
  const start = lines.indexOf("Lookout did:");
  if (start < 0) return [head];
  const did: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("- ")) break;
    did.push(`[demo]   Lookout did: ${line.slice(2)}`);
  }
  return [head, ...did];
}
