import { chainAuditRows, type ChainTip } from "../lib/audit/chain-audit-rows";
import { probeNames } from "../lib/probes/types";
import { openRowWriter, type Row } from "./row-writer";

/**
 * Writes `count` audit rows spread over the last 90 days, in the proportions a busy Lookout would see,
 * chained onto the newest row like writeAuditEvents does, so a seeded log verifies.
 */
export async function seedAudit(url: string, count: number, now = Date.now()): Promise<number> {
  const writer = await openRowWriter(url);
  try {
    let tip: ChainTip | null = (await writer.first<ChainTip>(`SELECT id, hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`)) ?? null;
    const rows: Row[] = [];
    const add = (seam: string, sessionId: string | null, probe: string, actor: string, details: string, at: number) => {
      const [row] = chainAuditRows(tip, [{ seam, sessionId, probe, actor, details, createdAt: new Date(at) }]);
      rows.push([row!.id, seam, sessionId, probe, actor, details, new Date(at), row!.prevHash, row!.hash]);
      tip = row!;
    };
    const span = 90 * 86_400_000;
    for (let i = 0; i < count; i++) {
      const probe = probeNames[i % probeNames.length]!;
      const at = now - span + Math.floor((i / count) * span);
      const session = `probe:${probe}:service_degraded:bench${Math.floor(i / 20).toString(36)}`;
      if (i % 50 === 0) {
        add("envelope.toggled", null, "fly", "operator", JSON.stringify({ probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: null }), at);
      } else if (i % 20 === 19) {
        add("probe.incident_resolved", session, probe, "lookout", JSON.stringify({ probe, title: "Bench incident", duration_s: 600, issue_count: 19 }), at);
      } else {
        const details = { probe, severity: "warning", category: "service_degraded", title: "Bench incident", detail: "1 Fly machine unhealthy", snapshot_details: { machines_unhealthy: 1 }, envelope_enabled: false, envelope_fix_name: null };
        add("probe.wake_requested", session, probe, "lookout", JSON.stringify(details), at);
      }
    }
    await writer.insert("AuditEvent", ["id", "seam", "sessionId", "probe", "actor", "details", "createdAt", "prevHash", "hash"], rows);
  } finally {
    await writer.close();
  }
  return count;
}
