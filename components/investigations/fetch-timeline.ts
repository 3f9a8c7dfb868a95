import { fetchLiveJson } from "@/lib/fetch-live-json";
import { sessionHref } from "@/lib/incidents/session-href";
import type { Timeline } from "@/lib/timeline/types";
import type { SnapshotCursorQuery } from "@/lib/timeline/timeline-params";

// Browser side of the timeline's live refresh: the query key and the poll itself.

export function timelineQueryKey(sessionId: string, cursor: SnapshotCursorQuery) {
  return ["timeline", sessionId, cursor.before ?? null, cursor.after ?? null] as const;
}

export function fetchTimeline(sessionId: string, cursor: SnapshotCursorQuery): Promise<Timeline> {
  const params = new URLSearchParams();
  if (cursor.before) params.set("before", cursor.before);
  if (cursor.after) params.set("after", cursor.after);
  const search = params.toString();
  const url = `/api${sessionHref(sessionId)}${search ? `?${search}` : ""}`;
  return fetchLiveJson<Timeline>(url);
}
