import Link from "next/link";
import { formatOpenFor } from "@/components/dashboard/open-incident-banner";
import { formatRelative, formatSpan, formatTimestamp } from "@/lib/dashboard/format";
import { sessionHref } from "@/lib/incidents/session-href";
import { getProbe } from "@/lib/probes/registry";
import type { InvestigationListRow } from "@/lib/timeline/list-investigations";
import { DmStatusBadge } from "./dm-status-badge";
import { autofixLabel, formatCost, formatWakes } from "./investigation-format";
import { SeverityBadge } from "./severity-badge";

interface Props {
  rows: InvestigationListRow[];
  now: string;
  timeZone: string;
}

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase first:pl-5 last:pr-5";
// One markup for both sizes: a table from lg up, a stack of cards below (the header row hides and each
// cell names itself), so the page never carries the rows twice.
const td = "align-top lg:px-3 lg:py-3 lg:first:pl-5 lg:last:pr-5";
const cellLabel = "block text-xs font-medium text-slate-500 lg:hidden";

/** The incidents, newest first, one row each with its figures and a link to its timeline. */
export function InvestigationTable({ rows, now, timeZone }: Props) {
  return (
    <div className="lg:overflow-hidden lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white lg:shadow-xs">
      <table className="w-full text-sm max-lg:block">
        <caption className="sr-only">Incidents, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 max-lg:hidden">
          <tr>
            <th scope="col" className={th}>Incident</th>
            <th scope="col" className={th}>Opened</th>
            <th scope="col" className={th}>Resolved</th>
            <th scope="col" className={th}>Wakes</th>
            <th scope="col" className={th}>Autofix</th>
            <th scope="col" className={`${th} text-right`}>Cost</th>
            <th scope="col" className={th}>DM</th>
          </tr>
        </thead>
        <tbody className="max-lg:flex max-lg:flex-col max-lg:gap-3 lg:divide-y lg:divide-slate-100">
          {rows.map((row) => (
            <Row key={row.sessionId} row={row} now={now} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, now, timeZone }: { row: InvestigationListRow; now: string; timeZone: string }) {
  const autofix = autofixLabel(row.autofixOutcome);
  return (
    <tr
      data-session-id={row.sessionId}
      data-probe={row.probe}
      className="max-lg:grid max-lg:grid-cols-2 max-lg:gap-x-4 max-lg:gap-y-3 max-lg:rounded-xl max-lg:border max-lg:border-slate-200 max-lg:bg-white max-lg:p-4 max-lg:shadow-xs"
    >
      <td className={`${td} max-lg:col-span-2 lg:w-[32%]`}>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={row.severity} />
          <span className="font-medium text-slate-900">{getProbe(row.probe)?.label ?? row.probe}</span>
        </div>
        <Link href={sessionHref(row.sessionId)} className="mt-1 block font-medium break-words text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
          {row.title}
        </Link>
        <LifecycleMarks row={row} />
      </td>
      <td className={td}>
        <span className={cellLabel}>Opened</span>
        <time dateTime={row.openedAt} title={formatTimestamp(row.openedAt, timeZone)} className="text-slate-900">
          {formatRelative(row.openedAt, now)}
        </time>
        <span className="block text-xs whitespace-nowrap text-slate-500 tabular-nums">{formatTimestamp(row.openedAt, timeZone)}</span>
      </td>
      <td className={td}>
        <span className={cellLabel}>Resolved</span>
        {row.resolvedAt ? (
          <>
            <time dateTime={row.resolvedAt} title={formatTimestamp(row.resolvedAt, timeZone)} className="text-slate-900">
              {formatRelative(row.resolvedAt, now)}
            </time>
            <span className="block text-xs text-slate-500">after {formatSpan(Date.parse(row.resolvedAt) - Date.parse(row.openedAt))}</span>
          </>
        ) : (
          <span className="inline-flex items-center gap-1.5 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-red-800 ring-1 ring-red-600/25 ring-inset">
            <span aria-hidden="true" className="size-1.5 rounded-full bg-red-500" />
            Open · {formatOpenFor(row.openedAt, now)}
          </span>
        )}
      </td>
      <td className={`${td} text-slate-700`}>
        <span className={cellLabel}>Wakes</span>
        {formatWakes(row.wakeCount, row.debouncedCount)}
      </td>
      <td className={`${td} text-slate-700 lg:max-w-56`}>
        <span className={cellLabel}>Autofix</span>
        {autofix ?? <span className="text-slate-400">—</span>}
      </td>
      <td className={`${td} text-slate-700 tabular-nums lg:text-right`}>
        <span className={cellLabel}>Cost</span>
        {row.investigationCount > 0 ? formatCost(row.costUsd) : <span className="text-slate-400">—</span>}
      </td>
      <td className={td}>
        <span className={cellLabel}>DM</span>
        <DmStatusBadge status={row.dmStatus} />
      </td>
    </tr>
  );
}

/** Acknowledged, flapping and maintenance, as plain words under the title; nothing when none applies. */
function LifecycleMarks({ row }: { row: InvestigationListRow }) {
  const marks = [
    row.acknowledgedBy && `Acknowledged by ${row.acknowledgedBy}`,
    row.flapping ? "Flapping" : row.flapped && "Flapped",
    row.duringMaintenance && "During maintenance",
  ].filter((m): m is string => Boolean(m));
  if (marks.length === 0) return null;
  return (
    <ul aria-label="Lifecycle" className="mt-1.5 flex flex-wrap gap-1.5">
      {marks.map((mark) => (
        <li key={mark} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-400/30 ring-inset">
          {mark}
        </li>
      ))}
    </ul>
  );
}
