import type { SnapshotCursorQuery } from "@/lib/timeline/timeline-params";


/** The timeline page's URL for one snapshot page; `#snapshots` keeps the strip in view after the jump. */
export function snapshotPageHref(path: string, cursor: SnapshotCursorQuery): string {
  const params = new URLSearchParams();
  if (cursor.before) params.set("before", cursor.before);
  else if (cursor.after) params.set("after", cursor.after);
  const search = params.toString();
  return `${path}${search ? `?${search}` : ""}#snapshots`;
}
