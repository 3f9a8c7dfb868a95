"use client";

import { useQuery } from "@tanstack/react-query";
import { dashboardQueryKey, fetchDashboard } from "@/lib/dashboard/fetch-dashboard";
import { formatClock } from "@/lib/dashboard/format";
import type { DashboardData } from "@/lib/dashboard/types";
import { DashboardHeader } from "./dashboard-header";
import { EmptyState } from "./empty-state";
import { HistoryLegend } from "./history-legend";
import { ProbeCard } from "./probe-card";

interface Props {
  initialData: DashboardData;
  refreshMs: number;
  probeIntervalMs: number | null;
}

/** The cards, kept fresh by polling GET /api/dashboard; the server render is the first frame. */
export function DashboardLive({ initialData, refreshMs, probeIntervalMs }: Props) {
  const { data, isRefetchError } = useQuery({
    queryKey: dashboardQueryKey,
    queryFn: fetchDashboard,
    initialData,
    staleTime: refreshMs,
    refetchInterval: refreshMs,
  });

  return (
    <div className="flex flex-col gap-6">
      <DashboardHeader data={data} />
      {isRefetchError && (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Live updates paused: the server did not answer. Showing data from {formatClock(data.generatedAt, data.timeZone)}; retrying.
        </p>
      )}
      {data.lastCycle === null && (
        <EmptyState probeIntervalMs={probeIntervalMs} anyConfigured={data.cards.some((c) => c.configured)} />
      )}
      <section aria-label="Vendors" className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {data.cards.map((card) => (
          <ProbeCard key={card.probe} card={card} now={data.generatedAt} timeZone={data.timeZone} />
        ))}
      </section>
      {data.lastCycle && <HistoryLegend timeZone={data.timeZone} />}
    </div>
  );
}
