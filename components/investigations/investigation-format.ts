// Figures of an incident as the list and the timeline write them; pure, so both sides render alike.

/** "$0.0123" under a dollar (investigations are cheap, cents would round them all to zero), "$1.25" above, "$0" for none. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return "$0";
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** "1 wake", "5 wakes, 3 debounced". */
export function formatWakes(wakeCount: number, debouncedCount: number): string {
  const wakes = `${wakeCount} ${wakeCount === 1 ? "wake" : "wakes"}`;
  return debouncedCount > 0 ? `${wakes}, ${debouncedCount} debounced` : wakes;
}

const autofixLabels: Record<string, string> = {
  allowed: "Allowed",
  refused: "Refused",
  succeeded: "Succeeded",
  failed: "Failed",
};

/** The last autofix outcome in words, or null when none was attempted. */
export function autofixLabel(outcome: string | null): string | null {
  if (!outcome) return null;
  return autofixLabels[outcome] ?? outcome;
}

/** "1,200": token counts grow past what reads well without separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** "14:30:05" in the given zone: timeline entries seconds apart need the seconds. */
export function formatClockSeconds(iso: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}
