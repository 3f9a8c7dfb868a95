import Link from "next/link";
import { auditHref } from "@/components/audit/audit-href";
import { formatOpenFor } from "@/components/dashboard/open-incident-banner";
import { AcknowledgeButton } from "@/components/dashboard/acknowledge-button";
import { formatRelative, formatSpan, formatTimestamp } from "@/lib/dashboard/format";
import { sessionHref } from "@/lib/incidents/session-href";
import type { Timeline } from "@/lib/timeline/types";
import { DmStatusBadge } from "./dm-status-badge";
import { formatCost, formatWakes } from "./investigation-format";
import { SeverityBadge } from "./severity-badge";

const linkClass =
  "inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900";

/** Who, what and how it stands: the incident's identity, state, detail and its running figures. */
export function TimelineHeader({ timeline, timeZone }: { timeline: Timeline; timeZone: string }) {
  const { incident, generatedAt } = timeline;
  return (
    <header className="flex flex-col gap-4">
      <div>
        <Link href="/investigations" className="text-sm text-slate-500 hover:text-slate-900">
          ← Investigations
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <SeverityBadge severity={incident.severity} />
          <span className="text-sm font-medium text-slate-700">{incident.probeLabel}</span>
          <StateBadge incident={incident} now={generatedAt} />
          {incident.flapping && <Mark testId="flapping">Flapping</Mark>}
          {!incident.flapping && incident.flapped && <Mark testId="flapped">Flapped</Mark>}
          {incident.duringMaintenance && <Mark testId="during-maintenance">During maintenance</Mark>}
        </div>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">{incident.title}</h1>
        {incident.detail && <p className="mt-1 max-w-prose text-sm break-words text-slate-600">{incident.detail}</p>}
        <p className="mt-2 text-xs text-slate-500">
          Opened <time dateTime={incident.openedAt}>{formatTimestamp(incident.openedAt, timeZone)}</time>
          {incident.resolvedAt && (
            <>
              {" · "}resolved <time dateTime={incident.resolvedAt}>{formatTimestamp(incident.resolvedAt, timeZone)}</time>
            </>
          )}
          {" · "}session <code className="font-mono break-all text-slate-600">{incident.sessionId}</code>
        </p>
        {incident.escalatedFrom && (
          <p className="mt-1 text-xs text-slate-500">
            Escalated from{" "}
            <Link href={sessionHref(incident.escalatedFrom)} className="font-medium text-slate-700 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
              a warning incident of the same probe
            </Link>
          </p>
        )}
        <Acknowledgement incident={incident} now={generatedAt} timeZone={timeZone} />
      </div>
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-xl border border-slate-200 bg-slate-200 shadow-xs sm:grid-cols-4">
        <Figure label="Wakes" value={formatWakes(incident.wakeCount, incident.debouncedCount)} />
        <Figure label="Investigations" value={String(incident.investigationCount)} />
        <Figure label="Total cost" value={formatCost(incident.costUsd)} />
        <Figure label="Last DM" value={<DmStatusBadge status={incident.dmStatus} />} />
      </dl>
      <nav aria-label="Related" className="flex flex-wrap gap-2">
        <Link href={`/#probe-${incident.probe}`} className={linkClass}>
          {incident.probeLabel} history on the dashboard
        </Link>
        <Link href={auditHref({ session: incident.sessionId })} className={linkClass}>
          Audit rows for this session
        </Link>
      </nav>
    </header>
  );
}

function StateBadge({ incident, now }: { incident: Timeline["incident"]; now: string }) {
  if (incident.resolvedAt) {
    return (
      <span data-testid="incident-state" className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-600/25 ring-inset">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" />
        Resolved after {formatSpan(Date.parse(incident.resolvedAt) - Date.parse(incident.openedAt))}
      </span>
    );
  }
  return (
    <span data-testid="incident-state" className="inline-flex items-center gap-1.5 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-600/25 ring-inset">
      <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-red-500" />
      Open for {formatOpenFor(incident.openedAt, now)}
    </span>
  );
}

/** Who took it on and when; while it is open and nobody has, the button to do so. */
function Acknowledgement({ incident, now, timeZone }: { incident: Timeline["incident"]; now: string; timeZone: string }) {
  if (incident.acknowledgedAt) {
    return (
      <p data-testid="acknowledged" className="mt-3 text-sm text-slate-700">
        Acknowledged by <span className="font-medium text-slate-900">{incident.acknowledgedBy ?? "unknown"}</span>{" "}
        <time dateTime={incident.acknowledgedAt} title={formatTimestamp(incident.acknowledgedAt, timeZone)}>
          {formatRelative(incident.acknowledgedAt, now)}
        </time>
      </p>
    );
  }
  if (incident.resolvedAt) return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1.5">
      <AcknowledgeButton sessionId={incident.sessionId} title={incident.title} />
      <p className="text-xs text-slate-500">Not acknowledged yet; acknowledging stops its reminders.</p>
    </div>
  );
}

function Mark({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <span data-testid={testId} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-slate-400/40 ring-inset">
      {children}
    </span>
  );
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="bg-white px-4 py-3">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-medium text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
