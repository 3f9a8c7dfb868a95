// Supabase Metrics API contract: GET https://<ref>.supabase.co/customer/v1/privileged/metrics (Prometheus text
// exposition, HTTP Basic `service_role:<secret or service key>`).
// Source, read 2026-11-30: supabase/supabase-grafana, commit 8bfe3f1271156d29299a51f3051e371180ff0227,
// metrics.md (last changed in e6a6dddde9e0fa598ee31d47fe9328ecd73279ff, "deduplicating supabase_project_ref and
// adding supabase_identifier") and README.md (scrape job: metrics_path, basic_auth username service_role):
//   max_connections_connection_count{supabase_project_ref,supabase_identifier,service_type="postgresql",server="localhost:5432"} (gauge)
//   pg_stat_database_num_backends{supabase_project_ref,supabase_identifier,service_type="postgresql",server="localhost:5432"} (gauge)
// The backends gauge is one series with no `datname`, and there is no `pg_settings_max_connections` at all
// (the file does carry other pg_settings_* gauges and datname-labelled pg_database_size_bytes).
// Exposition syntax: Prometheus text format 0.0.4 (name{label="value",...} value [timestamp]).
import { z } from "zod";

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: PromSample[];
  /** `# TYPE name type` lines. */
  types: Map<string, string>;
  /** Lines that are neither comments nor well-formed samples, with their line numbers. */
  malformed: string[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Go's ParseFloat as Prometheus uses it: decimals, exponents, NaN and ±Inf. */
function parseValue(text: string): number | null {
  if (/^[+-]?Inf$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (text === "NaN") return Number.NaN;
  return floatText.test(text) ? Number(text) : null;
}

/** `{a="x",b="y\"z"}` -> labels and the rest of the line, or null when the braces are malformed. */
function parseLabels(text: string): { labels: Record<string, string>; rest: string } | null {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === " ") i++;
    if (text[i] === "}") return { labels, rest: text.slice(i + 1) };
    const name = labelName.exec(text.slice(i))?.[0];
    if (!name || text.slice(i + name.length, i + name.length + 2) !== '="') return null;
    i += name.length + 2;
    let value = "";
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] !== "\\") value += text[i];
      else value += text[++i] === "n" ? "\n" : (text[i] ?? "");
    }
    if (text[i] !== '"') return null;
    labels[name] = value;
    i++;
    while (text[i] === " ") i++;
    if (text[i] === ",") i++;
    else if (text[i] !== "}") return null;
  }
}

function parseSample(line: string): PromSample | null {
  const name = metricName.exec(line)?.[0];
  if (!name) return null;
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    const parsed = parseLabels(rest);
    if (!parsed) return null;
    ({ labels, rest } = parsed);
  }
  const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
  const value = valueText === undefined ? null : parseValue(valueText);
  if (value === null || extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) return null;
  return { name, labels, value };
}

export function parseExposition(text: string): Exposition {
  const out: Exposition = { samples: [], types: new Map(), malformed: [] };
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    if (line.startsWith("#")) {
      const type = /^#\s*TYPE\s+(\S+)\s+(\S+)$/.exec(line);
      if (type?.[1] && type[2]) out.types.set(type[1], type[2]);
      return;
    }
    const sample = parseSample(line);
    if (sample) out.samples.push(sample);
    else out.malformed.push(`line ${index + 1}: ${line.slice(0, 120)}`);
  });
  return out;
}

export const supabaseMetricNames = {
  maxConnections: "max_connections_connection_count",
  backends: "pg_stat_database_num_backends",
} as const;

/** A series name Supabase's exporter list does not have; a body relying on it teaches the probe a fiction. */
export const absentMetricName = "pg_settings_max_connections";

/** Labels every Postgres series carries in metrics.md. */
const requiredLabels = ["supabase_project_ref", "supabase_identifier", "server"] as const;

function checkSeries(exposition: Exposition, name: string, problems: string[]): void {
  const samples = exposition.samples.filter((s) => s.name === name);
  if (samples.length !== 1) problems.push(`${name}: expected exactly one series, found ${samples.length}`);
  if (exposition.types.get(name) !== "gauge") problems.push(`${name}: expected "# TYPE ${name} gauge", found ${exposition.types.get(name) ?? "none"}`);
  for (const s of samples) {
    if (s.labels.service_type !== "postgresql") problems.push(`${name}: service_type must be "postgresql", is ${JSON.stringify(s.labels.service_type)}`);
    for (const label of requiredLabels) if (!s.labels[label]) problems.push(`${name}: missing label ${label}`);
    if ("datname" in s.labels) problems.push(`${name}: carries a datname label; Supabase exports one series without it`);
    if (!Number.isFinite(s.value) || s.value < 0) problems.push(`${name}: value ${s.value} is not a finite non-negative number`);
  }
}

/** Every problem that puts the exposition outside the contract; empty when it conforms. */
export function supabaseMetricsProblems(text: string): string[] {
  const exposition = parseExposition(text);
  const problems = exposition.malformed.map((m) => `not a Prometheus sample: ${m}`);
  if (exposition.samples.length === 0) problems.push("no samples at all");
  checkSeries(exposition, supabaseMetricNames.maxConnections, problems);
  checkSeries(exposition, supabaseMetricNames.backends, problems);
  if (exposition.samples.some((s) => s.name === absentMetricName)) problems.push(`${absentMetricName} is not a Supabase series`);
  return problems;
}

/** The contract as a zod schema over the body text, so it reads like the JSON vendors' contracts. */
export const supabaseMetricsSchema = z.string().superRefine((text, ctx) => {
  for (const message of supabaseMetricsProblems(text)) ctx.addIssue({ code: "custom", message });
});

/** The two figures a connections-% probe needs, from a body already known to conform. */
export function readConnections(text: string): { max: number; backends: number } {
  const { samples } = parseExposition(text);
  const value = (name: string) => samples.find((s) => s.name === name)?.value ?? Number.NaN;
  return { max: value(supabaseMetricNames.maxConnections), backends: value(supabaseMetricNames.backends) };
}

/**
 * The Supabase API gateway's refusal body, e.g. {"message":"No API key found in request","hint":"No `apikey`
 * request header or url param was found."} as quoted in public bug reports (writingmate/chatlabs#118,
 * supabase/supabase#7730); supabase-grafana documents no error body, so only `message` is required.
 */
export const supabaseGatewayErrorSchema = z.looseObject({ message: z.string().min(1), hint: z.string().optional() });

/** Content types a Prometheus scraper accepts for the text format. */
export const prometheusTextContentType = /^text\/plain(;|$)/;
