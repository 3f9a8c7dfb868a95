// Formatting shared by the server render and the browser. Every function takes its reference time and
// time zone explicitly, so both sides produce the same text and hydration never disagrees.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "40 s ago", "2 min ago", "3 h ago", "5 d ago" — measured from `now`, not the browser clock. */
export function formatRelative(iso: string, nowIso: string): string {
  const seconds = Math.floor((Date.parse(nowIso) - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 10) return "just now";
  if (seconds < MINUTE) return `${seconds} s ago`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min ago`;
  if (seconds < DAY) return `${Math.floor(seconds / HOUR)} h ago`;
  return `${Math.floor(seconds / DAY)} d ago`;
}

function getParts(iso: string, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** "14:30" in the given zone. */
export function formatClock(iso: string, timeZone: string): string {
  const p = getParts(iso, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "2026-11-25 14:30:05 UTC" — built from parts so no locale punctuation can differ between runtimes. */
export function formatTimestamp(iso: string, timeZone: string): string {
  const p = getParts(iso, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${timeZone}`;
}

/** "184 ms", "1.2 s", "12 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** "5 minutes", "30 seconds", "1 hour" — for a schedule, where the unit reads better spelled out. */
export function formatInterval(ms: number): string {
  const units = [
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ] as const;
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n === 1 ? "" : `${n} `}${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
