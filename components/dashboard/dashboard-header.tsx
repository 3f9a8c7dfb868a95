import { formatDuration, formatRelative, formatTimestamp } from "@/lib/dashboard/format";
import type { DashboardData } from "@/lib/dashboard/types";
import { RunNowButton } from "./run-now-button";
import { statusStyles } from "./status-styles";

const triggerLabel: Record<string, string> = { manual: "Run now", cron: "cron", scheduler: "scheduler" };

export function DashboardHeader({ data }: { data: DashboardData }) {
  const { lastCycle } = data;
  return (
    <div>
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Vendor health</h1>
        <RunNowButton />
      </div>
      <div>
        {lastCycle ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="last-cycle" data-cycle-id={lastCycle.id}>
            Last cycle{" "}
            <time dateTime={lastCycle.finishedAt} title={formatTimestamp(lastCycle.finishedAt, data.timeZone)} className="font-medium text-slate-900">
              {formatRelative(lastCycle.finishedAt, data.generatedAt)}
            </time>{" "}
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            started by {triggerLabel[lastCycle.trigger] ?? lastCycle.trigger}
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            took <span className="tabular-nums">{formatDuration(lastCycle.durationMs)}</span>
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="last-cycle">
            No cycle yet
          </p>
        )}
        <StatusSummary data={data} />
      </div>
    </div>
  );
}

function StatusSummary({ data }: { data: DashboardData }) {
  const counts = new Map<keyof typeof statusStyles, number>();
  for (const card of data.cards) counts.set(card.status, (counts.get(card.status) ?? 0) + 1);
  const order = ["unhealthy", "degraded", "healthy", "pending", "unconfigured"] as const;
  const parts = order.filter((s) => counts.get(s)).map((s) => ({ status: s, n: counts.get(s) ?? 0 }));
  return (
    <ul aria-label="Status summary" className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
      {parts.map(({ status, n }) => (
        <li key={status} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`size-2 rounded-full ${statusStyles[status].dot}`} />
          <span className="font-medium tabular-nums text-slate-900">{n}</span> {statusStyles[status].label.toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
