import { randomUUID } from "node:crypto";
import { probeNames } from "../lib/probes/types";
import { openRowWriter, type Row } from "./row-writer";

const CYCLE_MS = 5 * 60_000;

const details: Record<string, string> = {
  supabase: JSON.stringify({ project_ref: "benchref", rest: "up", auth: "up", auth_version: "v2.189.0", services: null, connections_pct: 21 }),
  fly: JSON.stringify({ apps: [{ app: "runtime", reachable: true, error: null, machines_total: 2, machines_started: 2, machines_unhealthy: 0, unhealthy: [] }], apps_total: 1, apps_reachable: 1, machines_total: 2, machines_started: 2, machines_unhealthy: 0 }),
  vercel: JSON.stringify({ deployments_24h: 30, ready_24h: 29, errors_24h: 1, error_rate_24h: 0.033, pages: 1, truncated: false, latest: null, recent_errors: [] }),
  sentry: JSON.stringify({ org: "bench", unresolved_count: 4, pages: 1, truncated: false, top: [] }),
  doppler: JSON.stringify({ workplace: "Bench", token_type: "service_token", secrets_tracked: 6, secrets_dated: 6, secrets_undated: 0, oldest_secret_age_days: 31, oldest_secret_name: "API_KEY", age_status: "known", age_note: null, logs_read: 7, logs_fetched: 0 }),
};

/** Writes `days` of history at one cycle every 5 minutes (288 a day), ending now. Returns the snapshot count. */
export async function seedHistory(url: string, days: number, now = Date.now()): Promise<number> {
  const cycles: Row[] = [];
  const snapshots: Row[] = [];
  for (let i = Math.floor((days * 86_400_000) / CYCLE_MS); i > 0; i--) {
    const at = now - i * CYCLE_MS;
    const cycleId = randomUUID();
    cycles.push([cycleId, "scheduler", new Date(at), new Date(at + 40), 40]);
    for (const probe of probeNames) {
      const status = i % 97 === 0 ? "unhealthy" : i % 31 === 0 ? "degraded" : "healthy";
      snapshots.push([randomUUID(), cycleId, probe, status, 20 + (i % 50), details[probe]!, status === "unhealthy" ? "Vendor API answered HTTP 503" : null, new Date(at + 30)]);
    }
  }
  const writer = await openRowWriter(url);
  try {
    await writer.insert("ProbeCycle", ["id", "trigger", "startedAt", "finishedAt", "durationMs"], cycles);
    await writer.insert("ProbeSnapshot", ["id", "cycleId", "probe", "status", "latencyMs", "details", "error", "observedAt"], snapshots);
  } finally {
    await writer.close();
  }
  return snapshots.length;
}
