import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { probeNames } from "../lib/probes/types";

const CYCLE_MS = 5 * 60_000;

// Matches how the Prisma SQLite adapter stores DateTime, so Prisma's queries read these rows as its own.
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const details: Record<string, string> = {
  supabase: JSON.stringify({ project_ref: "benchref", rest: "up", auth: "up", auth_version: "v2.189.0", services: null, connections_pct: 21 }),
  fly: JSON.stringify({ apps: [{ app: "runtime", reachable: true, error: null, machines_total: 2, machines_started: 2, machines_unhealthy: 0, unhealthy: [] }], apps_total: 1, apps_reachable: 1, machines_total: 2, machines_started: 2, machines_unhealthy: 0 }),
  vercel: JSON.stringify({ deployments_24h: 30, ready_24h: 29, errors_24h: 1, error_rate_24h: 0.033, pages: 1, truncated: false, latest: null, recent_errors: [] }),
  sentry: JSON.stringify({ org: "bench", unresolved_count: 4, pages: 1, truncated: false, top: [] }),
  doppler: JSON.stringify({ workplace: "Bench", token_type: "service_token", secrets_tracked: 6, secrets_dated: 6, secrets_undated: 0, oldest_secret_age_days: 31, oldest_secret_name: "API_KEY", age_status: "known", age_note: null, logs_read: 7, logs_fetched: 0 }),
};

/** Writes `days` of history at one cycle every 5 minutes (288 a day), ending now. Returns the snapshot count. */
export function seedHistory(file: string, days: number, now = Date.now()): number {
  const sqlite = new Database(file);
  const insertCycle = sqlite.prepare(`INSERT INTO "ProbeCycle" (id, trigger, startedAt, finishedAt, durationMs) VALUES (?, 'scheduler', ?, ?, 40)`);
  const insertSnapshot = sqlite.prepare(
    `INSERT INTO "ProbeSnapshot" (id, cycleId, probe, status, latencyMs, details, error, observedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cycles = Math.floor((days * 86_400_000) / CYCLE_MS);
  let count = 0;
  sqlite.transaction(() => {
    for (let i = cycles; i > 0; i--) {
      const at = now - i * CYCLE_MS;
      const cycleId = randomUUID();
      insertCycle.run(cycleId, iso(at), iso(at + 40));
      for (const probe of probeNames) {
        const status = i % 97 === 0 ? "unhealthy" : i % 31 === 0 ? "degraded" : "healthy";
        insertSnapshot.run(randomUUID(), cycleId, probe, status, 20 + (i % 50), details[probe], status === "unhealthy" ? "Vendor API answered HTTP 503" : null, iso(at + 30));
        count++;
      }
    }
  })();
  sqlite.close();
  return count;
}
