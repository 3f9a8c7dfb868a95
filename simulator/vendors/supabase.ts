import { basicAuth, json, segments, text, type SimContext, type SimResponse, type VendorModule } from "../http";

// A Supabase project origin (`SUPABASE_URL`): PostgREST under /rest/v1, GoTrue under /auth/v1 and the
// privileged Prometheus metrics endpoint. The gateway checks the `apikey` header before anything else.

const METRICS_PATH = "/customer/v1/privileged/metrics";

function isRest(ctx: SimContext): boolean {
  return ctx.path.startsWith("/rest/");
}

/** PostgREST's four-field error body. */
function postgrestError(status: number, code: string, message: string, hint: string | null = null): SimResponse {
  return json(status, { code, details: null, hint, message });
}

function apiKey(ctx: SimContext): string | null {
  const header = ctx.headers.apikey;
  return (Array.isArray(header) ? header[0] : header) ?? ctx.query.get("apikey");
}

function restTable(ctx: SimContext, table: string): SimResponse {
  const { supabase } = ctx.state;
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return postgrestError(405, "PGRST117", `Unsupported HTTP method: ${ctx.method}`);
  if (!supabase.restUp) return postgrestError(503, "PGRST002", "Could not query the database for the schema cache. Retrying.");
  if (!supabase.tables.includes(table)) {
    return postgrestError(404, "PGRST205", `Could not find the table 'public.${table}' in the schema cache`);
  }
  return json(200, [], { "content-range": "*/*" });
}

function restRoot(ctx: SimContext): SimResponse {
  // The hosted platform closed the OpenAPI root to the anon key; only the service role may read it.
  if (apiKey(ctx) !== ctx.state.credentials.supabaseServiceRoleKey) {
    return json(401, { message: "Access to schema is forbidden", hint: "Only the service_role key may read the API root." });
  }
  if (!ctx.state.supabase.restUp) return postgrestError(503, "PGRST002", "Could not query the database for the schema cache. Retrying.");
  return json(200, { swagger: "2.0", info: { title: "PostgREST API", version: "12.2.12" }, paths: {} });
}

function authHealth(ctx: SimContext): SimResponse {
  const { supabase } = ctx.state;
  if (!supabase.authUp) return json(503, { message: "An invalid response was received from the upstream server" });
  return json(200, {
    version: supabase.authVersion,
    name: "GoTrue",
    description: "GoTrue is a user registration and authentication API",
  });
}

// Series names and labels as Supabase's exporter publishes them (supabase/supabase-grafana, metrics.md):
// there is no pg_settings_max_connections, and backends are one series without `datname`.
function metrics(ctx: SimContext): SimResponse {
  const { active, max } = ctx.state.supabase.connections;
  const { projectRef } = ctx.state.supabase;
  const labels = `supabase_project_ref="${projectRef}",supabase_identifier="${projectRef}",service_type="postgresql",server="localhost:5432"`;
  const lines = [
    "# HELP pg_stat_database_num_backends Number of backends currently connected to this database",
    "# TYPE pg_stat_database_num_backends gauge",
    `pg_stat_database_num_backends{${labels}} ${active}`,
    "# HELP max_connections_connection_count Maximum number of connections allowed",
    "# TYPE max_connections_connection_count gauge",
    `max_connections_connection_count{${labels}} ${max}`,
    "# HELP node_load1 1m load average.",
    "# TYPE node_load1 gauge",
    `node_load1{supabase_project_ref="${projectRef}",supabase_identifier="${projectRef}",service_type="db"} 0.21`,
    "",
  ];
  return text(200, lines.join("\n"), "text/plain; version=0.0.4; charset=utf-8");
}

export const supabaseProject: VendorModule = {
  vendor: "supabase",

  authorize(ctx) {
    const { credentials } = ctx.state;
    if (ctx.path === METRICS_PATH) {
      const basic = basicAuth(ctx);
      if (basic?.user === "service_role" && basic.password === credentials.supabaseServiceRoleKey) return null;
      return json(401, { message: "Unauthorized" }, { "www-authenticate": 'Basic realm="service"' });
    }
    const key = apiKey(ctx);
    if (!key) return json(401, { message: "No API key found in request", hint: "No `apikey` request header or url param was found." });
    if (key !== credentials.supabaseAnonKey && key !== credentials.supabaseServiceRoleKey) {
      return json(401, { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." });
    }
    return null;
  },

  handle(ctx) {
    const parts = segments(ctx.path);
    if (parts[0] === "rest" && parts[1] === "v1") {
      if (parts.length === 2) return restRoot(ctx);
      if (parts.length === 3 && parts[2]) return restTable(ctx, parts[2]);
    }
    if (ctx.path === "/auth/v1/health" && ctx.method === "GET") return authHealth(ctx);
    if (ctx.path === METRICS_PATH && ctx.method === "GET") return metrics(ctx);
    return supabaseProject.error(ctx, 404, "no Route matched with those values");
  },

  error(ctx, status, message) {
    // PostgREST's own codes per status (docs/references/errors.rst); a 502 comes from the gateway, not PostgREST.
    if (isRest(ctx) && status >= 500) {
      if (status === 502) return json(502, { message });
      return postgrestError(status, status === 503 ? "PGRST001" : status === 504 ? "PGRST003" : "XX000", message);
    }
    return json(status, { message });
  },

  rateLimited(_ctx, retryAfterS) {
    return json(429, { message: "Too many requests" }, retryAfterS === undefined ? {} : { "retry-after": String(retryAfterS) });
  },
};
