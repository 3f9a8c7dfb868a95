import { z } from "zod";
import { dateSecrets, listLogPage, type SecretDating } from "@/lib/probes/doppler-logs";
import { bearer, fetchParsed, failedOutcome, roundTo, trimBase, type Fetched } from "@/lib/probes/outcome";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Doppler: token reachability via /v3/me, then secret ages from config logs. Secrets carry no timestamps,
// so a secret's age is the time since the latest config log naming it (see doppler-logs.ts). Lookout
// never alarms on a guess: a secret the logs read so far cannot date is counted as "not yet dated".

export interface DopplerConfig {
  token: string;
  project: string | null;
  config: string | null;
  apiUrl: string;
  secretAgeDaysMax: number;
  logFetchBudget: number;
}

const dayMs = 24 * 60 * 60 * 1000;

// Only the fields Lookout keeps: `token_preview` is part of a token and is deliberately not read.
const meSchema = z.object({
  workplace: z.object({ name: z.string().nullish() }).nullish(),
  type: z.string().nullish(),
});
const namesSchema = z.object({ names: z.array(z.string()) });

export interface SecretAges {
  secrets_dated: number;
  secrets_undated: number;
  oldest_secret_age_days: number | null;
  oldest_secret_name: string | null;
}

/** The oldest dated secret by time since its latest change, and how many could not be dated. */
export function summariseSecretAges(names: readonly string[], changedAt: ReadonlyMap<string, number>, now: Date): SecretAges {
  const dated = names.filter((n) => changedAt.has(n)).map((n): [string, number] => [n, changedAt.get(n)!]);
  // Ties go to the alphabetically first name, so the card does not flip between equally old secrets.
  const oldest = dated.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  return {
    secrets_dated: dated.length,
    secrets_undated: names.length - dated.length,
    oldest_secret_age_days: oldest ? roundTo(Math.max(0, now.getTime() - oldest[1]) / dayMs, 1) : null,
    oldest_secret_name: oldest?.[0] ?? null,
  };
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

function describeUndated(ages: SecretAges, dating: SecretDating): string | null {
  if (ages.secrets_undated === 0) return null;
  const count = `${ages.secrets_undated} secret${ages.secrets_undated === 1 ? "" : "s"}`;
  if (dating.complete) return `${count} not named in any config log (inherited, or older than the logs): not dated`;
  return `${count} not yet dated (${dating.stoppedBy ?? "config logs still being read"}; the next cycle reads further)`;
}

export async function runDopplerProbe(config: DopplerConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const source = { token: config.token, apiUrl: config.apiUrl, scope: scopeParams(config), fetchBudget: config.logFetchBudget };
  // The three first calls go out together to fit the timeout; ages only count once /v3/me has proved the token works.
  const firstPage = listLogPage(source, 1, ctx);
  const [me, names] = await Promise.all([
    fetchParsed({ service: "Doppler API", url: `${config.apiUrl}/v3/me`, headers: bearer(config.token), signal: ctx.signal }, meSchema),
    fetchNames(config, ctx),
    firstPage,
  ]);
  if (!me.ok) return failedOutcome(me);

  const base = { workplace: me.data.workplace?.name ?? null, token_type: me.data.type ?? null };
  const unknownAge = (note: string) => ({
    ...base,
    secrets_tracked: names.ok ? names.data.names.length : null,
    secrets_dated: 0,
    secrets_undated: names.ok ? names.data.names.length : null,
    oldest_secret_age_days: null,
    oldest_secret_name: null,
    age_status: "unknown" as const,
    age_note: note,
  });
  // Unreadable names or logs (a service token without log access, say) leave the age unknown, not failed.
  if (!names.ok) return { status: "healthy", details: unknownAge(`Secret names unreadable: ${names.error}`), error: null };
  const dating = await dateSecrets(source, names.data.names, ctx, firstPage);
  if (!dating.ok) return { status: "healthy", details: unknownAge(`Config logs unreadable: ${dating.error}`), error: null };

  const ages = summariseSecretAges(names.data.names, dating.data.changedAt, ctx.now);
  const details = {
    ...base,
    secrets_tracked: names.data.names.length,
    ...ages,
    age_status: ages.secrets_dated === 0 && ages.secrets_undated > 0 ? ("unknown" as const) : ages.secrets_undated > 0 ? ("partial" as const) : ("known" as const),
    age_note: describeUndated(ages, dating.data),
    logs_read: dating.data.logsRead,
    logs_fetched: dating.data.logsFetched,
  };
  if (ages.oldest_secret_age_days !== null && ages.oldest_secret_age_days > config.secretAgeDaysMax) {
    const error = `Doppler secret ${ages.oldest_secret_name} is ${ages.oldest_secret_age_days} days old (threshold ${config.secretAgeDaysMax})`;
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
      logFetchBudget: env.LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE,
    };
  },
  run: runDopplerProbe,
};
