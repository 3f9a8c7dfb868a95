import Link from "next/link";
import { formatSpan } from "@/lib/dashboard/format";
import { formatRelative, formatTimestamp } from "@/lib/dashboard/format";
import type { CardIncident } from "@/lib/dashboard/types";
import { sessionHref } from "@/lib/incidents/session-href";
import { AcknowledgeButton } from "./acknowledge-button";

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
        {incident.flapping && <Mark testId="flapping">Flapping</Mark>}
        {incident.duringMaintenance && <Mark testId="during-maintenance">During maintenance</Mark>}
      </div>
      <p className={`mt-1.5 text-sm font-medium break-words ${style.text}`}>{incident.title}</p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        {incident.acknowledgedAt ? (
          <p data-testid="acknowledged" className={`flex items-center gap-1.5 text-sm ${style.text}`}>
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
              <path d="m3.5 8.5 3 3 6-7" />
            </svg>
            <span>
              Acknowledged by <span className="font-medium">{incident.acknowledgedBy ?? "unknown"}</span>{" "}
              <time dateTime={incident.acknowledgedAt} title={formatTimestamp(incident.acknowledgedAt, timeZone)}>
                {formatRelative(incident.acknowledgedAt, now)}
              </time>
            </span>
          </p>
        ) : (
          <AcknowledgeButton sessionId={incident.sessionId} title={incident.title} />
        )}
        <Link href={sessionHref(incident.sessionId)} className={`text-sm font-medium underline underline-offset-2 hover:no-underline ${style.text}`}>
          View incident<span className="sr-only">: {incident.title}</span>
        </Link>
      </div>
    </div>
  );
}

/** A plain word next to the severity: flapping and maintenance change how to read the incident. */
function Mark({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <span data-testid={testId} className="rounded bg-white/70 px-1.5 py-0.5 font-medium text-slate-800 ring-1 ring-slate-400/40 ring-inset">
      {children}
    </span>
  );
}
