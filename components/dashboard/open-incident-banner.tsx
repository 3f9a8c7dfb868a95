import Link from "next/link";
import { formatSpan } from "@/lib/dashboard/format";
import { formatTimestamp } from "@/lib/dashboard/format";
import type { CardIncident } from "@/lib/dashboard/types";
import { sessionHref } from "@/lib/incidents/session-href";

// Severity is always spelled out next to its colour, so it never depends on seeing red from amber.
const severityStyles = {
  critical: { label: "Critical", box: "border-red-200 bg-red-50", badge: "bg-red-600 text-white", text: "text-red-900" },
  warning: { label: "Warning", box: "border-amber-200 bg-amber-50", badge: "bg-amber-400 text-amber-950", text: "text-amber-950" },
} as const satisfies Record<CardIncident["severity"], { label: string; box: string; badge: string; text: string }>;

/** "under a minute", "12 min", "3 h 5 min" — how long an incident has been open, measured from `now`. */
export function formatOpenFor(openedAt: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(openedAt);
  return !Number.isFinite(ms) || ms < 60_000 ? "under a minute" : formatSpan(ms);
}

export function OpenIncidentBanner({ incident, now, timeZone }: { incident: CardIncident; now: string; timeZone: string }) {
  const style = severityStyles[incident.severity];
  return (
    <div data-testid="open-incident" data-session-id={incident.sessionId} className={`mt-3 rounded-lg border px-3 py-2.5 ${style.box}`}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <span data-severity={incident.severity} className={`rounded px-1.5 py-0.5 font-semibold uppercase tracking-wide ${style.badge}`}>
          {style.label}
        </span>
        <span className={style.text}>
          Incident open for{" "}
          <time dateTime={incident.openedAt} title={`Opened ${formatTimestamp(incident.openedAt, timeZone)}`} className="font-medium">
            {formatOpenFor(incident.openedAt, now)}
          </time>
        </span>
      </div>
      <p className={`mt-1.5 text-sm font-medium break-words ${style.text}`}>{incident.title}</p>
      <Link
        href={sessionHref(incident.sessionId)}
        className={`mt-1 inline-block text-sm font-medium underline underline-offset-2 hover:no-underline ${style.text}`}
      >
        View incident<span className="sr-only">: {incident.title}</span>
      </Link>
    </div>
  );
}
