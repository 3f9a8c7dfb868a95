import type { ProbeName } from "@/lib/probes/types";

type Details = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

// The figures an operator reads first, one short clause per probe; unknown shapes give nothing.
const figuresByProbe: Record<ProbeName, (d: Details) => string[]> = {
  supabase: (d) => [
    typeof d.rest === "string" ? `REST ${d.rest}` : "",
    typeof d.auth === "string" ? `auth ${d.auth}` : "",
    num(d.connections_pct) !== null ? `connections ${Math.round(num(d.connections_pct)!)}%` : "",
  ],
  fly: (d) => [
    num(d.machines_started) !== null && num(d.machines_total) !== null ? `${d.machines_started} of ${d.machines_total} machines started` : "",
    num(d.machines_unhealthy) ? `${d.machines_unhealthy} unhealthy` : "",
    num(d.apps_reachable) !== null && num(d.apps_total) !== null ? `${d.apps_reachable} of ${d.apps_total} apps reachable` : "",
  ],
  vercel: (d) => [
    num(d.error_rate_24h) !== null ? `error rate ${pct(num(d.error_rate_24h)!)} over 24 h` : "",
    num(d.errors_24h) !== null && num(d.deployments_24h) !== null ? `${d.errors_24h} of ${d.deployments_24h} deployments failed` : "",
  ],
  sentry: (d) => [num(d.unresolved_count) !== null ? `${d.unresolved_count}${d.truncated ? "+" : ""} unresolved issues` : ""],
  doppler: (d) => [
    num(d.oldest_secret_age_days) !== null && typeof d.oldest_secret_name === "string"
      ? `oldest secret ${d.oldest_secret_name} at ${Math.floor(num(d.oldest_secret_age_days)!)} days`
      : "",
  ],
};

export function describeFigures(probe: ProbeName, details: Details): string {
  return figuresByProbe[probe](details).filter(Boolean).join(", ");
}
