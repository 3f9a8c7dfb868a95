import Link from "next/link";
import { formatRelative, formatTimestamp } from "@/lib/dashboard/format";
import type { AuditRow } from "@/lib/audit/list-audit-events";
import { auditSeams } from "@/lib/audit/seams";
import { sessionHref } from "@/lib/incidents/session-href";
import { getProbe } from "@/lib/probes/registry";
import { summarizeAuditEvent } from "@/lib/audit/summarize-audit-event";
import { auditRowAnchor } from "./audit-href";

// A colour per seam so a long log can be scanned; the label is always written out next to it.
const seamClass: Record<string, string> = {
  "probe.wake_requested": "bg-amber-50 text-amber-900 ring-amber-600/30",
  "probe.incident_resolved": "bg-emerald-50 text-emerald-800 ring-emerald-600/25",
  "envelope.toggled": "bg-sky-50 text-sky-800 ring-sky-600/25",
};
const otherSeamClass = "bg-slate-100 text-slate-700 ring-slate-400/30";

function seamLabel(seam: string): string {
  return (auditSeams as Record<string, string>)[seam] ?? seam;
}

interface Props {
  rows: AuditRow[];
  now: string;
  timeZone: string;
}

/** The log itself, newest first; each row opens to its full details. */
export function AuditEventList({ rows, now, timeZone }: Props) {
  return (
    <ol aria-label="Audit events, newest first" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-xs">
      {rows.map((row) => (
        <li
          key={row.id}
          id={auditRowAnchor(row.id)}
          data-audit-id={row.id}
          data-seam={row.seam}
          data-probe={row.probe ?? undefined}
          className="grid gap-x-6 gap-y-1.5 px-4 py-3 sm:grid-cols-[11rem_1fr] sm:px-5"
        >
          <div className="flex items-baseline gap-2 text-sm sm:block">
            <time dateTime={row.createdAt} title={formatTimestamp(row.createdAt, timeZone)} className="font-medium text-slate-900">
              {formatRelative(row.createdAt, now)}
            </time>
            <span className="text-xs text-slate-500 tabular-nums sm:block">{formatTimestamp(row.createdAt, timeZone)}</span>
          </div>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${seamClass[row.seam] ?? otherSeamClass}`}>
                {seamLabel(row.seam)}
              </span>
              {row.probe && <span className="font-medium text-slate-900">{getProbe(row.probe)?.label ?? row.probe}</span>}
              <span className="text-slate-500">
                by <span className="text-slate-700">{row.actor}</span>
              </span>
            </div>
            <details className="group mt-1">
              <summary className="cursor-pointer text-sm break-words text-slate-800 marker:text-slate-400 hover:text-slate-950">
                {summarizeAuditEvent(row)}
              </summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
                {JSON.stringify(row.details, null, 2)}
              </pre>
            </details>
            {row.sessionId && (
              <p className="mt-1 text-xs text-slate-500">
                Session{" "}
                <Link href={sessionHref(row.sessionId)} className="font-mono break-all text-slate-700 underline underline-offset-2 hover:text-slate-950">
                  {row.sessionId}
                </Link>
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
