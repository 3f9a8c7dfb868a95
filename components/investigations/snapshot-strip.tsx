import Link from "next/link";
import { segmentStyles } from "@/components/dashboard/status-styles";
import { formatDuration, formatTimestamp } from "@/lib/dashboard/format";
import type { Timeline, TimelineSnapshot } from "@/lib/timeline/types";
import { formatClockSeconds, formatCount } from "./investigation-format";
import { snapshotPageHref } from "./timeline-query";

interface Props {
  timeline: Timeline;
  /** The timeline page's path, for the Older / Newer links. */
  path: string;
  timeZone: string;
}

type Marker = { kind: "opened" | "resolved"; at: string };

function segment(status: string) {
  return segmentStyles[status in segmentStyles ? (status as keyof typeof segmentStyles) : "none"];
}

/**
 * Where a marker sits in this page: before the first snapshot taken after it. At a page edge it is
 * drawn only when no other page could hold it (no older page before the first cell, no newer after the last).
 */
function markerIndex(items: TimelineSnapshot[], at: string, hasOlder: boolean, hasNewer: boolean): number | null {
  const index = items.findIndex((s) => s.observedAt > at);
  if (index === -1) return hasNewer ? null : items.length;
  if (index === 0 && hasOlder) return null;
  return index;
}

const linkClass =
  "inline-flex items-center rounded-lg bg-white px-2.5 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900";

/** The probe's snapshots around the incident, one coloured cell each, oldest first, with the incident's edges marked. */
export function SnapshotStrip({ timeline, path, timeZone }: Props) {
  const { snapshots, incident } = timeline;
  const { items, total, olderCursor, newerCursor } = snapshots;
  const markers: Marker[] = [{ kind: "opened", at: incident.openedAt }, ...(incident.resolvedAt ? [{ kind: "resolved" as const, at: incident.resolvedAt }] : [])];
  const placed = markers.map((m) => ({ ...m, index: markerIndex(items, m.at, olderCursor !== null, newerCursor !== null) }));
  const count = items.length === total ? `All ${formatCount(total)} snapshots` : `Showing ${formatCount(items.length)} of ${formatCount(total)} snapshots`;
  const window = incident.resolvedAt ? "from 30 min before the incident opened to 30 min after it resolved" : "from 30 min before the incident opened until now";

  return (
    <section id="snapshots" aria-labelledby="snapshots-title" className="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="snapshots-title" className="text-base font-semibold text-slate-900">
          {incident.probeLabel} snapshots
        </h2>
        <p data-testid="snapshot-count" className="text-sm text-slate-600">
          {count}
          <span className="text-slate-400"> · </span>
          <span className="text-slate-500">{window}</span>
        </p>
      </div>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No snapshot of {incident.probeLabel} was stored in this window.</p>
      ) : (
        <>
          <ol
            aria-label={`${incident.probeLabel} snapshots, oldest first`}
            className="mt-3 flex flex-wrap items-center gap-0.5"
          >
            {items.map((snapshot, i) => (
              <SnapshotCell key={snapshot.id} snapshot={snapshot} wide={items.length <= 60} markers={placed.filter((m) => m.index === i)} timeZone={timeZone} />
            ))}
            {placed
              .filter((m) => m.index === items.length)
              .map((m) => (
                <MarkerCell key={m.kind} marker={m} timeZone={timeZone} />
              ))}
          </ol>
          <p className="mt-2 text-xs text-slate-500 tabular-nums">
            {formatTimestamp(items[0]?.observedAt ?? snapshots.windowFrom, timeZone)} → {formatTimestamp(items.at(-1)?.observedAt ?? snapshots.windowTo, timeZone)}
          </p>
        </>
      )}
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <StripLegend />
        {(olderCursor || newerCursor) && (
          <nav aria-label="Snapshot pages" className="flex items-center gap-2">
            {olderCursor && (
              <Link href={snapshotPageHref(path, { before: olderCursor })} className={linkClass}>
                ← Older
              </Link>
            )}
            {newerCursor && (
              <Link href={snapshotPageHref(path, { after: newerCursor })} className={linkClass}>
                Newer →
              </Link>
            )}
          </nav>
        )}
      </div>
    </section>
  );
}

interface CellProps {
  snapshot: TimelineSnapshot;
  /** A short page gets wider cells; a full page of 120 keeps to one row on a laptop. */
  wide: boolean;
  markers: Marker[];
  timeZone: string;
}

function SnapshotCell({ snapshot, wide, markers, timeZone }: CellProps) {
  const style = segment(snapshot.status);
  const text = `${formatClockSeconds(snapshot.observedAt, timeZone)}: ${style.label}, ${formatDuration(snapshot.latencyMs)}${snapshot.error ? ` (${snapshot.error})` : ""}`;
  return (
    <>
      {markers.map((m) => (
        <MarkerCell key={m.kind} marker={m} timeZone={timeZone} />
      ))}
      <li data-status={snapshot.status} title={text} className={`h-6 rounded-xs ${wide ? "w-3" : "w-1.5"} ${style.className}`}>
        <span className="sr-only">{text}</span>
      </li>
    </>
  );
}

function MarkerCell({ marker, timeZone }: { marker: Marker; timeZone: string }) {
  const text = `Incident ${marker.kind} at ${formatClockSeconds(marker.at, timeZone)}`;
  return (
    <li data-marker={marker.kind} title={text} className={`mx-0.5 h-9 w-1 rounded-full ${marker.kind === "opened" ? "bg-slate-900" : "bg-emerald-700"}`}>
      <span className="sr-only">{text}</span>
    </li>
  );
}

const legend = ["healthy", "degraded", "unhealthy"] as const;

function StripLegend() {
  return (
    <ul aria-label="Snapshot colours" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
      {legend.map((key) => (
        <li key={key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`size-2.5 rounded-sm ${segmentStyles[key].className}`} />
          {segmentStyles[key].label.charAt(0).toUpperCase() + segmentStyles[key].label.slice(1)}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="h-3 w-1 rounded-full bg-slate-900" />
        Incident opened
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="h-3 w-1 rounded-full bg-emerald-700" />
        Resolved
      </li>
    </ul>
  );
}
