import type { CycleResult } from "./run-probe-cycle";

/** One log line per cycle: which probes were not healthy, never their details. */
export function describeCycleResult(result: CycleResult): string {
  if (!result.ok) return `probe cycle skipped: ${result.message}`;
  if (result.coalesced) return `probe cycle coalesced: ${result.message}`;
  const { cycle } = result;
  const counts = new Map<string, number>();
  for (const s of cycle.snapshots) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  const problems = cycle.snapshots.filter((s) => s.status === "degraded" || s.status === "unhealthy");
  const detail = problems.length ? `; ${problems.map((s) => `${s.probe} ${s.status}`).join(", ")}` : "";
  const { wakes, resolved, failed } = cycle.detection;
  const incidents = [wakes && `${wakes} wake(s) requested`, resolved && `${resolved} incident(s) resolved`, failed.length && `detection failed for ${failed.length}`]
    .filter(Boolean)
    .join(", ");
  return `probe cycle ${cycle.cycleId} (${cycle.trigger}) in ${cycle.durationMs} ms: ${tally}${detail}${incidents ? `; ${incidents}` : ""}`;
}
