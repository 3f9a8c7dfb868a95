import { z } from "zod";
import { bearer, fetchParsed, failedOutcome, roundTo, trimBase, type Fetched } from "@/lib/probes/outcome";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Doppler: token reachability via /v3/me, then secret ages from config logs. Secrets carry no timestamps,
// so a secret's age is the time since the latest config log whose diff names it.

export interface DopplerConfig {
  token: string;
  project: string | null;
  config: string | null;
  apiUrl: string;
  secretAgeDaysMax: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const logsPerPage = 100;

// Only the fields Lookout keeps: `token_preview` is part of a token and is deliberately not read.
const meSchema = z.object({
  workplace: z.object({ name: z.string().nullish() }).nullish(),
  type: z.string().nullish(),
});
const namesSchema = z.object({ names: z.array(z.string()) });
// Diff entries also carry `added`/`removed` secret values: only `name` is read.
const logsSchema = z.object({
  logs: z.array(
    z.object({
      created_at: z.string(),
      diff: z.array(z.object({ name: z.string().nullish() })).nullish(),
    }),
  ),
});
export type DopplerLog = z.infer<typeof logsSchema>["logs"][number];

/** Recorded config-log pages as Lookout reads them, or null when the body has the wrong shape. */
export function parseDopplerLogs(body: unknown): DopplerLog[] | null {
  const parsed = logsSchema.safeParse(body);
  return parsed.success ? parsed.data.logs : null;
}

export interface SecretAge {
  oldest_secret_age_days: number | null;
  oldest_secret_name: string | null;
  /** True when the oldest secret never appears in the logs read: it is at least this old. */
  age_lower_bound: boolean;
}

/**
 * The oldest secret by time since its latest change, or null when no log exists to date anything.
 * A name missing from the logs changed before the oldest log seen, so that log bounds its age.
 */
export function oldestSecretAge(names: string[], logs: DopplerLog[], now: Date): SecretAge | null {
  if (names.length === 0) return { oldest_secret_age_days: null, oldest_secret_name: null, age_lower_bound: false };
  const stamps = logs.map((l) => Date.parse(l.created_at)).filter(Number.isFinite);
  if (stamps.length === 0) return null;

  const latestChange = new Map<string, number>();
  for (const log of logs) {
    const at = Date.parse(log.created_at);
    if (!Number.isFinite(at)) continue;
    for (const entry of log.diff ?? []) {
      if (entry.name && at > (latestChange.get(entry.name) ?? -Infinity)) latestChange.set(entry.name, at);
    }
  }
  const days = (since: number) => roundTo(Math.max(0, now.getTime() - since) / dayMs, 1);

  const undated = names.filter((n) => !latestChange.has(n)).sort();
  if (undated[0] !== undefined) {
    return { oldest_secret_age_days: days(Math.min(...stamps)), oldest_secret_name: undated[0], age_lower_bound: true };
  }
  const [name, at] = names
    .map((n): [string, number] => [n, latestChange.get(n) ?? Infinity])
    .reduce((oldest, entry) => (entry[1] < oldest[1] ? entry : oldest));
  return { oldest_secret_age_days: days(at), oldest_secret_name: name, age_lower_bound: false };
}

function scopeParams(config: DopplerConfig): URLSearchParams {
  const params = new URLSearchParams();
  // Service tokens imply project and config; personal tokens need them spelled out.
  if (config.project) params.set("project", config.project);
  if (config.config) params.set("config", config.config);
  return params;
}

/** Doppler injects DOPPLER_PROJECT, DOPPLER_CONFIG and DOPPLER_ENVIRONMENT itself; nobody rotates them. */
export function isOperatorSecret(name: string): boolean {
  return !name.startsWith("DOPPLER_");
}

// The names-only endpoint: the plain `/secrets` endpoint returns secret values and is never called.
async function fetchNames(config: DopplerConfig, ctx: ProbeContext): Promise<Fetched<{ names: string[] }>> {
  const url = `${config.apiUrl}/v3/configs/config/secrets/names?${scopeParams(config).toString()}`;
  const result = await fetchParsed({ service: "Doppler API", url, headers: bearer(config.token), signal: ctx.signal }, namesSchema);
  return result.ok ? { ...result, data: { names: result.data.names.filter(isOperatorSecret) } } : result;
}

async function fetchLogs(config: DopplerConfig, ctx: ProbeContext): Promise<Fetched<DopplerLog[]>> {
  const logs: DopplerLog[] = [];
  for (let page = 1; page <= ctx.pageCap; page++) {
    const params = scopeParams(config);
    params.set("page", String(page));
    params.set("per_page", String(logsPerPage));
    const url = `${config.apiUrl}/v3/configs/config/logs?${params.toString()}`;
    const result = await fetchParsed({ service: "Doppler API", url, headers: bearer(config.token), signal: ctx.signal }, logsSchema);
    if (!result.ok) return result;
    logs.push(...result.data.logs);
    if (result.data.logs.length < logsPerPage) break;
  }
  return { ok: true, status: 200, headers: new Headers(), data: logs };
}

export async function runDopplerProbe(config: DopplerConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  // All three start together to fit the timeout; ages only count once /v3/me has proved the token works.
  const [me, names, logs] = await Promise.all([
    fetchParsed({ service: "Doppler API", url: `${config.apiUrl}/v3/me`, headers: bearer(config.token), signal: ctx.signal }, meSchema),
    fetchNames(config, ctx),
    fetchLogs(config, ctx),
  ]);
  if (!me.ok) return failedOutcome(me);

  const base = { workplace: me.data.workplace?.name ?? null, token_type: me.data.type ?? null };
  const unknownAge = (note: string) => ({
    ...base,
    secrets_tracked: names.ok ? names.data.names.length : null,
    oldest_secret_age_days: null,
    oldest_secret_name: null,
    age_status: "unknown" as const,
    age_lower_bound: false,
    age_note: note,
  });
  // Unreadable names or logs (a service token without log access, say) leave the age unknown, not failed.
  if (!names.ok) return { status: "healthy", details: unknownAge(`Secret names unreadable: ${names.error}`), error: null };
  if (!logs.ok) return { status: "healthy", details: unknownAge(`Config logs unreadable: ${logs.error}`), error: null };

  const age = oldestSecretAge(names.data.names, logs.data, ctx.now);
  if (!age) return { status: "healthy", details: unknownAge("No config logs to date the secrets by"), error: null };

  const details = {
    ...base,
    secrets_tracked: names.data.names.length,
    ...age,
    age_status: "known" as const,
    age_note: age.age_lower_bound ? "Oldest secret predates the config logs read; its age is a lower bound" : null,
  };
  if (age.oldest_secret_age_days !== null && age.oldest_secret_age_days > config.secretAgeDaysMax) {
    const atLeast = age.age_lower_bound ? "at least " : "";
    const error = `Doppler secret ${age.oldest_secret_name} is ${atLeast}${age.oldest_secret_age_days} days old (threshold ${config.secretAgeDaysMax})`;
    return { status: "degraded", details, error };
  }
  return { status: "healthy", details, error: null };
}

export const dopplerProbe: ProbeDefinition<DopplerConfig> = {
  name: "doppler",
  label: "Doppler",
  requiredEnv: ["DOPPLER_TOKEN"],
  configFromEnv(env) {
    if (!env.DOPPLER_TOKEN) return null;
    return {
      token: env.DOPPLER_TOKEN,
      project: env.DOPPLER_PROJECT ?? null,
      config: env.DOPPLER_CONFIG ?? null,
      apiUrl: trimBase(env.DOPPLER_API_URL),
      secretAgeDaysMax: env.LOOKOUT_DOPPLER_SECRET_AGE_DAYS_MAX,
    };
  },
  run: runDopplerProbe,
};
