import { formatTimestamp } from "@/lib/dashboard/format";
import type { TimelineEntry } from "@/lib/timeline/types";
import { formatClockSeconds } from "./investigation-format";
import { TimelineEntryBody } from "./timeline-entry-body";
import { TimelineIcon } from "./timeline-icon";
import { entryLabel, wakeStateLabel } from "./timeline-labels";

/** A failure is drawn red whatever its kind: a refused or failed fix, a DM that never arrived, a claim the records contradict. */
function isFailure(entry: TimelineEntry): boolean {
  return (
    (entry.kind === "autofix" && (entry.outcome === "refused" || entry.outcome === "failed")) ||
    (entry.kind === "dm" && entry.status !== "sent") ||
    (entry.kind === "investigation" && entry.report.claimCheck === "claim_mismatch")
  );
}

/** Every recorded step of the incident, oldest first; each entry has a stable anchor to link to. */
export function TimelineList({ entries, timeZone, live }: { entries: TimelineEntry[]; timeZone: string; live: boolean }) {
  // A clock alone is ambiguous once the incident crosses midnight; then every step shows its date too.
  const day = (iso: string) => formatTimestamp(iso, timeZone).slice(0, 10);
  const first = entries[0];
  const last = entries.at(-1);
  const withDate = first !== undefined && last !== undefined && day(first.at) !== day(last.at);
  return (
    <section aria-labelledby="timeline-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-5">
      <h2 id="timeline-title" className="text-base font-semibold text-slate-900">
        Timeline
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Nothing recorded for this incident yet.</p>
      ) : (
        <ol aria-label="Timeline, oldest first" className="mt-4">
          {entries.map((entry) => (
            <Item key={entry.anchor} entry={entry} timeZone={timeZone} withDate={withDate} />
          ))}
        </ol>
      )}
      {live && (
        <p className="mt-1 flex items-center gap-2 pl-1 text-xs text-slate-500">
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-sky-500" />
          Live: new steps appear here as they happen.
        </p>
      )}
    </section>
  );
}

function Item({ entry, timeZone, withDate }: { entry: TimelineEntry; timeZone: string; withDate: boolean }) {
  const state = entry.kind === "wake" ? wakeStateLabel(entry.wakeState) : null;
  // A long incident repeats the same debounced wake every cycle: those stay one line each.
  const compact = entry.kind === "wake" && entry.wakeState === "debounced";
  return (
    <li
      id={entry.anchor}
      data-kind={entry.kind}
      className={`group relative scroll-mt-4 pl-11 last:pb-2 target:[&>div]:bg-amber-50 target:[&>div]:ring-amber-300 ${compact ? "pb-3" : "pb-6"}`}
    >
      <span aria-hidden="true" className={`absolute bottom-1 w-px bg-slate-200 group-last:hidden ${compact ? "top-6 left-4" : "top-9 left-4"}`} />
      <span className={`absolute ${compact ? "top-0.5 left-1" : "top-0 left-0"}`}>
        <TimelineIcon kind={entry.kind} failed={isFailure(entry)} small={compact} />
      </span>
      <div className="-mx-2 -my-1 rounded-lg px-2 py-1 ring-1 ring-transparent transition-colors">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 pt-1">
          <h3 className={`text-sm font-semibold ${isFailure(entry) ? "text-red-800" : "text-slate-900"}`}>{entryLabel(entry)}</h3>
          {state && (
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-400/30 ring-inset">{state}</span>
          )}
          <span className="ml-auto flex items-center gap-2 text-xs text-slate-500">
            <time dateTime={entry.at} title={formatTimestamp(entry.at, timeZone)} className="tabular-nums">
              {withDate ? formatTimestamp(entry.at, timeZone).slice(0, 19) : formatClockSeconds(entry.at, timeZone)}
            </time>
            <a href={`#${entry.anchor}`} className="rounded px-1 font-mono text-slate-400 hover:bg-slate-100 hover:text-slate-900">
              #<span className="sr-only"> Link to this step</span>
            </a>
          </span>
        </div>
        <div className={compact ? "mt-0.5" : "mt-1.5"}>
          <TimelineEntryBody entry={entry} timeZone={timeZone} />
        </div>
      </div>
    </li>
  );
}
