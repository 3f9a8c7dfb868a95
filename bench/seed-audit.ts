import Database from "better-sqlite3";
import { chainAuditRows, type ChainTip } from "../lib/audit/chain-audit-rows";
import { probeNames } from "../lib/probes/types";

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * Writes `count` audit rows spread over the last 90 days, in the proportions a busy Lookout would see,
 * chained onto the newest row like writeAuditEvents does, so a seeded log verifies.
 */
export function seedAudit(file: string, count: number, now = Date.now()): number {
  const sqlite = new Database(file);
  const tipQuery = sqlite.prepare<[], ChainTip>(`SELECT id, hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
  const insertRow = sqlite.prepare(`INSERT INTO "AuditEvent" (id, seam, sessionId, probe, actor, details, createdAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let tip: ChainTip | null = null;
  const insert = (seam: string, sessionId: string | null, probe: string, actor: string, details: string, at: number) => {
    const [row] = chainAuditRows(tip, [{ seam, sessionId, probe, actor, details, createdAt: new Date(at) }]);
    insertRow.run(row!.id, seam, sessionId, probe, actor, details, iso(at), row!.prevHash, row!.hash);
    tip = row!;
  };
  const span = 90 * 86_400_000;
  sqlite.transaction(() => {
    tip = tipQuery.get() ?? null;
    for (let i = 0; i < count; i++) {
      const probe = probeNames[i % probeNames.length]!;
      const at = now - span + Math.floor((i / count) * span);
      const session = `probe:${probe}:service_degraded:bench${Math.floor(i / 20).toString(36)}`;
      if (i % 50 === 0) {
        insert("envelope.toggled", null, "fly", "operator", JSON.stringify({ probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: null }), at);
      } else if (i % 20 === 19) {
        insert("probe.incident_resolved", session, probe, "lookout", JSON.stringify({ probe, title: "Bench incident", duration_s: 600, issue_count: 19 }), at);
      } else {
        const details = { probe, severity: "warning", category: "service_degraded", title: "Bench incident", detail: "1 Fly machine unhealthy", snapshot_details: { machines_unhealthy: 1 }, envelope_enabled: false, envelope_fix_name: null };
        insert("probe.wake_requested", session, probe, "lookout", JSON.stringify(details), at);
      }
    }
  })();
  sqlite.close();
  return count;
}
