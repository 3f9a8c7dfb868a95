import { z } from "zod";
import { fetchVendor, type HttpResult } from "@/lib/probes/http";
import { bearer, fetchParsed, failedOutcome, rateLimitDetails, trimBase } from "@/lib/probes/outcome";
import { readConnectionPressure, type ConnectionPressure } from "@/lib/probes/supabase-metrics";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Supabase: PostgREST table probe and GoTrue health with the anon key; Management API service health and
// Prometheus connection pressure only when their extra credentials are configured.

export interface SupabaseConfig {
  url: string;
  anonKey: string;
  table: string;
  projectRef: string | null;
  accessToken: string | null;
  managementUrl: string;
  serviceRoleKey: string | null;
  connectionsPctMax: number;
}

const managedServices = "auth,db,pooler,realtime,rest,storage";

const authHealthSchema = z.object({ version: z.string().nullish() });
const servicesSchema = z.array(z.object({ name: z.string(), status: z.string() }));
export type SupabaseService = z.infer<typeof servicesSchema>[number];

/** `abcd` from `https://abcd.supabase.co`; null for hosts that carry no ref (IPs, localhost, custom domains). */
export function readProjectRef(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const match = /^([a-z0-9]+)\.supabase\.(co|in|net)$/i.exec(host);
  return match?.[1] ?? null;
}

/** PostgREST's "table not found": PGRST205 today, the Postgres code 42P01 from older PostgREST versions. */
const tableMissingCodes = new Set(["PGRST205", "42P01"]);

/**
 * A table read that reaches PostgREST proves the gateway, PostgREST and the key: 200, or a 404 saying
 * the table does not exist. The REST root is not used: the anon key may no longer read it.
 */
export function isRestUp(result: HttpResult): boolean {
  if (result.ok) return true;
  const body = result.body as { code?: unknown } | null;
  return result.status === 404 && typeof body === "object" && body !== null && tableMissingCodes.has(String(body.code));
}

/** Services the Management API does not report ACTIVE_HEALTHY; an empty list means none are registered yet. */
export function listUnhealthyServices(services: SupabaseService[]): string[] {
  if (services.length === 0) return ["no services registered"];
  return services.filter((s) => s.status !== "ACTIVE_HEALTHY").map((s) => `${s.name} ${s.status}`);
}

const skipped = Promise.resolve(null);

function describeSkippedManagement(config: SupabaseConfig): string | null {
  if (!config.accessToken || config.projectRef) return null;
  return "Supabase Management API skipped: the project ref is unknown (set SUPABASE_PROJECT_REF)";
}

/** Why connections % is absent although metrics were asked for; shown on the card, never a reason to alarm. */
function describeMetricsProblem(metrics: HttpResult | null, pressure: ConnectionPressure | null): string | null {
  if (!metrics) return null;
  if (!metrics.ok) return metrics.error;
  if (pressure && pressure.pct === null) return `Supabase metrics do not include ${pressure.missing.join(" or ")}; connections % not measured`;
  return null;
}

export async function runSupabaseProbe(config: SupabaseConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const anon = { apikey: config.anonKey };
  const [rest, auth, services, metrics] = await Promise.all([
    fetchVendor({ service: "Supabase REST", url: `${config.url}/rest/v1/${config.table}?select=*&limit=0`, headers: anon, signal: ctx.signal }),
    fetchParsed({ service: "Supabase Auth", url: `${config.url}/auth/v1/health`, headers: anon, signal: ctx.signal }, authHealthSchema),
    config.accessToken && config.projectRef
      ? fetchParsed(
          {
            service: "Supabase Management API",
            url: `${config.managementUrl}/v1/projects/${config.projectRef}/health?services=${managedServices}`,
            headers: bearer(config.accessToken),
            signal: ctx.signal,
          },
          servicesSchema,
        )
      : skipped,
    config.serviceRoleKey
      ? fetchVendor({
          service: "Supabase Metrics API",
          url: `${config.url}/customer/v1/privileged/metrics`,
          headers: { authorization: `Basic ${Buffer.from(`service_role:${config.serviceRoleKey}`).toString("base64")}` },
          signal: ctx.signal,
          as: "text",
        })
      : skipped,
  ]);

  const restUp = isRestUp(rest);
  const pressure = metrics?.ok && typeof metrics.body === "string" ? readConnectionPressure(metrics.body) : null;
  const connectionsPct = pressure?.pct ?? null;
  const details = {
    project_ref: config.projectRef,
    rest: restUp ? "up" : "down",
    auth: auth.ok ? "up" : "down",
    auth_version: auth.ok ? (auth.data.version ?? null) : null,
    services: services?.ok ? services.data.map((s) => ({ name: s.name, status: s.status })) : null,
    connections_pct: connectionsPct,
    // Optional sources that could not be read: shown to the operator, never a reason to alarm.
    management_error: services && !services.ok ? services.error : describeSkippedManagement(config),
    metrics_error: describeMetricsProblem(metrics, pressure),
  };

  if (!rest.ok && !restUp) return failedOutcome(rest, details);

  const problems: string[] = [];
  if (!auth.ok) problems.push(auth.error);
  const notHealthy = services?.ok ? listUnhealthyServices(services.data) : [];
  if (notHealthy.length) problems.push(`Supabase Management API reports ${notHealthy.join(", ")}`);
  if (connectionsPct !== null && connectionsPct > config.connectionsPctMax) {
    problems.push(`Supabase connections at ${connectionsPct}% of max_connections (threshold ${config.connectionsPctMax}%)`);
  }
  if (problems.length === 0) return { status: "healthy", details, error: null };
  const extra = auth.ok ? {} : rateLimitDetails(auth);
  return { status: "degraded", details: { ...details, ...extra }, error: problems.join("; ") };
}

export const supabaseProbe: ProbeDefinition<SupabaseConfig> = {
  name: "supabase",
  label: "Supabase",
  requiredEnv: ["SUPABASE_URL", "SUPABASE_ANON_KEY"],
  configFromEnv(env) {
    if (!env.SUPABASE_URL || !env.SUPABASE_ANON_KEY) return null;
    return {
      url: trimBase(env.SUPABASE_URL),
      anonKey: env.SUPABASE_ANON_KEY,
      table: env.SUPABASE_PROBE_TABLE,
      projectRef: env.SUPABASE_PROJECT_REF ?? readProjectRef(env.SUPABASE_URL),
      accessToken: env.SUPABASE_ACCESS_TOKEN ?? null,
      managementUrl: trimBase(env.SUPABASE_MANAGEMENT_API_URL),
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY ?? null,
      connectionsPctMax: env.LOOKOUT_SUPABASE_CONNECTIONS_PCT_MAX,
    };
  },
  run: runSupabaseProbe,
};
