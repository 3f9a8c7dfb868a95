import { newIncidentId, buildSessionId } from "../lib/incidents/session-id";
import { probeNames } from "../lib/probes/types";
import { measureTtfb, withServedApp } from "./page-ttfb";
import { openRowWriter, type Row } from "./row-writer";
import { report } from "./stats";
import type { BenchTarget } from "./targets";
const dmStatuses = ["sent", "sent", "sent", "failed_send", "engine_unavailable_fallback"];

const columns = ["id", "sessionId", "probe", "category", "severity", "title", "detail", "openedAt", "lastSeenAt", "resolvedAt", "issueCount", "debouncedCount", "investigationCount", "costUsd", "lastDmStatus", "lastAutofixOutcome"];

/** Writes `count` resolved incidents over the last 90 days, as the consumer would have left them. */
async function seedIncidents(url: string, count: number, now = Date.now()): Promise<void> {
  const span = 90 * 86_400_000;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const probe = probeNames[i % probeNames.length]!;
    const category = i % 3 === 0 ? "service_unhealthy" : "service_degraded";
    const opened = now - span + Math.floor((i / count) * span);
    const id = newIncidentId(new Date(opened));
    rows.push([id, buildSessionId(probe, category, id), probe, category, category === "service_unhealthy" ? "critical" : "warning", `Bench incident ${i}`, "bench", new Date(opened), new Date(opened + 600_000), new Date(opened + 900_000), 4, 3, 1, 0.0123, dmStatuses[i % dmStatuses.length]!, i % 7 === 0 ? "Restarted machine abc in lookout-runtime" : null]);
  }
  const writer = await openRowWriter(url);
  try {
    await writer.insert("Incident", columns, rows);
  } finally {
    await writer.close();
  }
}

/** Time to first byte of /investigations with 5,000 sessions: the newest page, and two filtered views. */
export async function benchInvestigationsListTtfb(target: BenchTarget, sessions = 5_000): Promise<number> {
  await seedIncidents(target.url, sessions);
  return withServedApp(target.url, async (origin) => {
    const newest = await measureTtfb(`${origin}/investigations`);
    const filtered = await measureTtfb(`${origin}/investigations?dm=failed_send&probe=fly`, 50);
    const open = await measureTtfb(`${origin}/investigations?state=open`, 50);
    report({ name: "investigations_list_ttfb_ms", provider: target.provider, ...newest, filtered_p95: filtered.p95, open_filter_p95: open.p95, sessions, target_p95: 150 });
    return newest.p95;
  });
}
