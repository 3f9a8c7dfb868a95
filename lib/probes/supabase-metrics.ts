// Connection pressure from Supabase's Prometheus metrics endpoint. The series names are not confirmed
// by Supabase's docs, so parsing is defensive: a missing series yields null, never a failure.

export interface PrometheusSample {
  name: string;
  labels: string;
  value: number;
}

/** Samples of a Prometheus text exposition; comments, blank and unreadable lines are skipped. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(trimmed);
    if (!match?.[1] || match[3] === undefined) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) samples.push({ name: match[1], labels: match[2] ?? "", value });
  }
  return samples;
}

/** Backends across all databases as a share of max_connections, in percent; null when either series is absent. */
export function computeConnectionsPct(metricsText: string): number | null {
  const samples = parsePrometheusText(metricsText);
  const backends = samples.filter((s) => s.name === "pg_stat_database_num_backends");
  const max = samples.find((s) => s.name === "pg_settings_max_connections");
  if (backends.length === 0 || !max || max.value <= 0) return null;
  const used = backends.reduce((n, s) => n + s.value, 0);
  return Math.round((used / max.value) * 1000) / 10;
}
