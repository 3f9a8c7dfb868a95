import Database from "better-sqlite3";
import { newIncidentId, buildSessionId } from "../lib/incidents/session-id";
import { probeNames } from "../lib/probes/types";
import { measureTtfb, withServedApp } from "./page-ttfb";
import { report } from "./stats";

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const dmStatuses = ["sent", "sent", "sent", "failed_send", "engine_unavailable_fallback"];

/** Writes `count` resolved incidents over the last 90 days, as the consumer would have left them. */
function seedIncidents(file: string, count: number, now = Date.now()): void {
  const sqlite = new Database(file);
  const insert = sqlite.prepare(
    `INSERT INTO "Incident" (id, sessionId, probe, category, severity, title, detail, openedAt, lastSeenAt, resolvedAt, issueCount, debouncedCount, investigationCount, costUsd, lastDmStatus, lastAutofixOutcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const span = 90 * 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const probe = probeNames[i % probeNames.length]!;
      const category = i % 3 === 0 ? "service_unhealthy" : "service_degraded";
      const opened = now - span + Math.floor((i / count) * span);
      const id = newIncidentId(new Date(opened));
      insert.run(id, buildSessionId(probe, category, id), probe, category, category === "service_unhealthy" ? "critical" : "warning", `Bench incident ${i}`, "bench", iso(opened), iso(opened + 600_000), iso(opened + 900_000), 4, 3, 1, 0.0123, dmStatuses[i % dmStatuses.length]!, i % 7 === 0 ? "Restarted machine abc in lookout-runtime" : null);
    }
  })();
  sqlite.close();
}

/** Time to first byte of /investigations with 5,000 sessions: the newest page, and two filtered views. */
export async function benchInvestigationsListTtfb(databaseFile: string, sessions = 5_000): Promise<void> {
  seedIncidents(databaseFile, sessions);
  await withServedApp(databaseFile, async (origin) => {
    const newest = await measureTtfb(`${origin}/investigations`);
    const filtered = await measureTtfb(`${origin}/investigations?dm=failed_send&probe=fly`, 50);
    const open = await measureTtfb(`${origin}/investigations?state=open`, 50);
    report({ name: "investigations_list_ttfb_ms", ...newest, filtered_p95: filtered.p95, open_filter_p95: open.p95, sessions, target_p95: 150 });
  });
}
