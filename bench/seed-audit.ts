import Database from "better-sqlite3";
import { probeNames } from "../lib/probes/types";

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Writes `count` audit rows spread over the last 90 days, in the proportions a busy Lookout would see. */
export function seedAudit(file: string, count: number, now = Date.now()): number {
  const sqlite = new Database(file);
  const insert = sqlite.prepare(`INSERT INTO "AuditEvent" (seam, sessionId, probe, actor, details, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const span = 90 * 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const probe = probeNames[i % probeNames.length]!;
      const at = now - span + Math.floor((i / count) * span);
      const session = `probe:${probe}:service_degraded:bench${Math.floor(i / 20).toString(36)}`;
      if (i % 50 === 0) {
        insert.run("envelope.toggled", null, "fly", "operator", JSON.stringify({ probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: null }), iso(at));
      } else if (i % 20 === 19) {
        insert.run("probe.incident_resolved", session, probe, "lookout", JSON.stringify({ probe, title: "Bench incident", duration_s: 600, issue_count: 19 }), iso(at));
      } else {
        const details = { probe, severity: "warning", category: "service_degraded", title: "Bench incident", detail: "1 Fly machine unhealthy", snapshot_details: { machines_unhealthy: 1 }, envelope_enabled: false, envelope_fix_name: null };
        insert.run("probe.wake_requested", session, probe, "lookout", JSON.stringify(details), iso(at));
      }
    }
  })();
  sqlite.close();
  return count;
}
