import type { ProbeStatus } from "@/lib/probes/types";
import type { HistoryBucket } from "./types";

export const HISTORY_BUCKET_MS = 30 * 60_000;
export const HISTORY_BUCKET_COUNT = 48;

// Worst first wins a bucket: one unhealthy check in half an hour is what the operator needs to see.
const severity: Record<ProbeStatus, number> = { unconfigured: 0, healthy: 1, degraded: 2, unhealthy: 3 };

/** Start of the oldest bucket; buckets sit on clock boundaries so labels read "14:00–14:30". */
export function getHistoryStart(now: Date, bucketMs = HISTORY_BUCKET_MS, count = HISTORY_BUCKET_COUNT): Date {
  const currentStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
  return new Date(currentStart - (count - 1) * bucketMs);
}

/** Groups (status, observedAt) rows into `count` buckets ending with the one that holds `now`. */
export function bucketHistory(
  rows: { status: string; observedAt: Date }[],
  now: Date,
  bucketMs = HISTORY_BUCKET_MS,
  count = HISTORY_BUCKET_COUNT,
): HistoryBucket[] {
  const start = getHistoryStart(now, bucketMs, count).getTime();
  const worst: (ProbeStatus | null)[] = Array.from({ length: count }, () => null);
  for (const row of rows) {
    if (!(row.status in severity)) continue;
    const status = row.status as ProbeStatus;
    const index = Math.floor((row.observedAt.getTime() - start) / bucketMs);
    if (index < 0 || index >= count) continue;
    const current = worst[index];
    if (current == null || severity[status] > severity[current]) worst[index] = status;
  }
  return worst.map((status, i) => ({
    start: new Date(start + i * bucketMs).toISOString(),
    end: new Date(start + (i + 1) * bucketMs).toISOString(),
    status,
  }));
}
