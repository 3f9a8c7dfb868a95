import { supabaseServices, type SupabaseService, type SupabaseState } from "../state-types";
import { authToken, json, segments, type SimContext, type SimResponse, type VendorModule } from "../http";

// The Supabase Management API (`SUPABASE_MANAGEMENT_API_URL`, normally https://api.supabase.com):
// project service health, authorised with a personal access token `sbp_...`.

/**
 * `info` is one of three published shapes (V1ServiceHealthResponse in the Management API spec): GoTrue's health for
 * auth, Realtime's connection report for realtime, `{db_schema}`; other services send none.
 */
function serviceInfo(name: SupabaseService, supabase: SupabaseState): Record<string, unknown> | undefined {
  if (name === "auth") return { name: "GoTrue", version: supabase.authVersion, description: "GoTrue is a user registration and authentication API" };
  if (name === "realtime") {
    const dbUp = supabase.services.db === "ACTIVE_HEALTHY";
    return { healthy: supabase.services.realtime === "ACTIVE_HEALTHY", db_connected: dbUp, replication_connected: dbUp, connected_cluster: 1 };
  }
  return undefined;
}

function health(ctx: SimContext, ref: string): SimResponse {
  const { supabase } = ctx.state;
  if (ref !== supabase.projectRef) return json(404, { message: `Project ${ref} not found` });
  const raw = ctx.query.get("services");
  if (!raw) return json(400, { message: `services must be a comma-separated list of: ${supabaseServices.join(", ")}` });
  const wanted = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((s) => !(supabaseServices as readonly string[]).includes(s));
  if (unknown.length > 0) return json(400, { message: `unknown services: ${unknown.join(", ")}` });
  const body = (wanted as SupabaseService[]).map((name) => {
    const status = supabase.services[name];
    const info = serviceInfo(name, supabase);
    return {
      name,
      healthy: status === "ACTIVE_HEALTHY",
      status,
      ...(info ? { info } : {}),
      ...(status === "ACTIVE_HEALTHY" ? {} : { error: status === "COMING_UP" ? `${name} is starting` : `${name} is not responding` }),
    };
  });
  return json(200, body);
}

export const supabaseManagement: VendorModule = {
  vendor: "supabase",

  authorize(ctx) {
    const token = authToken(ctx, ["Bearer"]);
    if (token && token === ctx.state.credentials.supabaseAccessToken) return null;
    return json(401, { message: "Unauthorized" });
  },

  handle(ctx) {
    const parts = segments(ctx.path);
    if (ctx.method === "GET" && parts.length === 4 && parts[0] === "v1" && parts[1] === "projects" && parts[3] === "health" && parts[2]) {
      return health(ctx, parts[2]);
    }
    return supabaseManagement.error(ctx, 404, "Cannot GET " + ctx.path);
  },

  error(_ctx, status, message) {
    return json(status, { message });
  },

  rateLimited(_ctx, retryAfterS) {
    return json(429, { message: "Too many requests" }, retryAfterS === undefined ? {} : { "retry-after": String(retryAfterS) });
  },
};
