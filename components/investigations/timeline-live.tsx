"use client";

import { useQuery } from "@tanstack/react-query";
import { formatClock } from "@/lib/dashboard/format";
import { sessionHref } from "@/lib/incidents/session-href";
import type { Timeline } from "@/lib/timeline/types";
import { fetchTimeline, timelineQueryKey } from "./fetch-timeline";
import { SnapshotStrip } from "./snapshot-strip";
import { TimelineHeader } from "./timeline-header";
import { TimelineList } from "./timeline-list";
import type { SnapshotCursorQuery } from "@/lib/timeline/timeline-params";

const REFRESH_MS = 2_000;

interface Props {
  initialData: Timeline;
  cursor: SnapshotCursorQuery;
  timeZone: string;
}

/** One incident, kept fresh by polling its API route while it is live; a closed incident is not polled. */
export function TimelineLive({ initialData, cursor, timeZone }: Props) {
  const sessionId = initialData.incident.sessionId;
  const { data, isRefetchError } = useQuery({
    queryKey: timelineQueryKey(sessionId, cursor),
    queryFn: () => fetchTimeline(sessionId, cursor),
    initialData,
    staleTime: REFRESH_MS,
    refetchInterval: (query) => (query.state.data?.live ? REFRESH_MS : false),
  });

  return (
    <div className="flex flex-col gap-6">
      <TimelineHeader timeline={data} timeZone={timeZone} />
      {isRefetchError && (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Live updates paused: the server did not answer. Showing data from {formatClock(data.generatedAt, timeZone)}; retrying.
        </p>
      )}
      <SnapshotStrip timeline={data} path={sessionHref(sessionId)} timeZone={timeZone} />
      <TimelineList entries={data.entries} timeZone={timeZone} live={data.live} />
      {data.entriesTruncated && (
        <p className="text-sm text-slate-500">
          This incident has more recorded steps than one page shows; the audit log holds every row of the session.
        </p>
      )}
    </div>
  );
}
