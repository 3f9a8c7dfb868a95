import { formatClock } from "@/lib/dashboard/format";
import type { HistoryBucket } from "@/lib/dashboard/types";
import { segmentStyles } from "./status-styles";

/** The last 24 h as one segment per half hour, oldest first; each segment carries its own text. */
export function HistoryStrip({ label, buckets, timeZone }: { label: string; buckets: HistoryBucket[]; timeZone: string }) {
  const problems = buckets.filter((b) => b.status === "degraded" || b.status === "unhealthy").length;
  const summary = problems === 0 ? "No problems" : `${problems} of ${buckets.length} half-hours with problems`;
  return (
    <div className="mt-auto pt-5">
      <div className="flex items-baseline justify-between gap-2 text-xs text-slate-500">
        <span>Last 24 h</span>
        <span className={problems ? "font-medium text-slate-700" : undefined}>{summary}</span>
      </div>
      <ol aria-label={`${label} status history, last 24 hours in half-hour steps, oldest first`} className="mt-1.5 flex h-6 gap-px">
        {buckets.map((bucket) => {
          const style = segmentStyles[bucket.status ?? "none"];
          const text = `${formatClock(bucket.start, timeZone)}–${formatClock(bucket.end, timeZone)}: ${style.label}`;
          return (
            <li key={bucket.start} title={text} className={`flex-1 first:rounded-l-sm last:rounded-r-sm ${style.className}`}>
              <span className="sr-only">{text}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
