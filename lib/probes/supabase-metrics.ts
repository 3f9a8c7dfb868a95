// Connection pressure from Supabase's Prometheus metrics endpoint. Series names follow Supabase's own
// exporter list (supabase/supabase-grafana, metrics.md): the maximum is
// `max_connections_connection_count` and backends are one `pg_stat_database_num_backends` series, both
// labelled service_type="postgresql". `pg_settings_max_connections` (postgres_exporter's name, which
// Supabase does not export) and per-`datname` backends are still read for self-hosted exporters.

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseLabels(raw: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of (raw ?? "").matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    if (m[1] !== undefined) labels[m[1]] = (m[2] ?? "").replace(/\\(.)/g, "$1");
  }
  return labels;
}

/** Samples of a Prometheus text exposition; comments, blank and unreadable lines are skipped. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(trimmed);
    if (!match?.[1] || match[3] === undefined) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) samples.push({ name: match[1], labels: parseLabels(match[2]), value });
  }
  return samples;
}

export const maxConnectionSeries = ["max_connections_connection_count", "pg_settings_max_connections"] as const;
export const backendSeries = "pg_stat_database_num_backends";

/** Series of `name`, narrowed to the Postgres service when the exporter labels services. */
function postgresSeries(samples: PrometheusSample[], name: string): PrometheusSample[] {
  const all = samples.filter((s) => s.name === name);
  const labelled = all.filter((s) => s.labels.service_type !== undefined);
  return labelled.length ? labelled.filter((s) => s.labels.service_type === "postgresql") : all;
}

export type ConnectionPressure = { pct: number; backends: number; max: number } | { pct: null; missing: string[] };

/** Backends as a share of max_connections, in percent, or the series that were missing to compute it. */
export function readConnectionPressure(metricsText: string): ConnectionPressure {
  const samples = parsePrometheusText(metricsText);
  const backends = postgresSeries(samples, backendSeries);
  const max = maxConnectionSeries.map((name) => postgresSeries(samples, name)[0]).find((s) => s !== undefined && s.value > 0);
  const missing = [...(backends.length ? [] : [backendSeries]), ...(max ? [] : [maxConnectionSeries[0]])];
  if (!max || missing.length) return { pct: null, missing };
  const used = backends.reduce((n, s) => n + s.value, 0);
  return { pct: Math.round((used / max.value) * 1000) / 10, backends: used, max: max.value };
}

/** Backends as a share of max_connections, in percent; null when either figure is absent. */
export function computeConnectionsPct(metricsText: string): number | null {
  return readConnectionPressure(metricsText).pct;
}
