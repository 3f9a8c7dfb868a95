import { randomUUID } from "node:crypto";
import { authToken, basicAuth, intParam, json, resetAt, segments, type SimContext, type SimResponse, type VendorModule } from "../http";

// Doppler API (`DOPPLER_API_URL`, normally https://api.doppler.com). A service token is scoped to one
// config, so project/config query parameters are optional; when sent they must match.

const MAX_PER_PAGE = 100;

function dopplerError(status: number, message: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { messages: [message], success: false }, headers);
}

/** The config a request addresses, or the 404 Doppler gives for someone else's config. */
function checkConfig(ctx: SimContext): SimResponse | null {
  const { doppler } = ctx.state;
  const project = ctx.query.get("project");
  const config = ctx.query.get("config");
  if ((project && project !== doppler.project) || (config && config !== doppler.config)) {
    return dopplerError(404, "Could not find requested config");
  }
  return null;
}

function me(ctx: SimContext): SimResponse {
  const { doppler, credentials } = ctx.state;
  return json(200, {
    workplace: doppler.workplace,
    type: "service_token",
    token_preview: `dp.st.…${credentials.dopplerToken.slice(-4)}`,
    slug: doppler.token.slug,
    name: doppler.token.name,
    created_at: doppler.token.created_at,
    last_seen_at: new Date(ctx.now).toISOString(),
    success: true,
  });
}

function secrets(ctx: SimContext, namesOnly: boolean): SimResponse {
  const { doppler } = ctx.state;
  if (namesOnly) return json(200, { names: doppler.secretNames, success: true });
  // Full listing exists so a test can show Lookout never asks for values; they are fake anyway.
  const entries = doppler.secretNames.map((name) => {
    const value = name.startsWith("DOPPLER_") ? name.slice(8).toLowerCase() : `simsecret-${name}-v2`;
    return [name, { raw: value, computed: value, note: "", rawVisibility: "masked", computedVisibility: "masked" }];
  });
  return json(200, { secrets: Object.fromEntries(entries), success: true });
}

function logs(ctx: SimContext): SimResponse {
  const { doppler } = ctx.state;
  if (doppler.logsForbidden) return dopplerError(403, "You do not have access to view logs for this config");
  const page = intParam(ctx.query, "page") ?? 1;
  const perPage = intParam(ctx.query, "per_page") ?? 20;
  if (Number.isNaN(page) || page < 1) return dopplerError(400, "page must be a positive integer");
  if (Number.isNaN(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) return dopplerError(400, `per_page must be between 1 and ${MAX_PER_PAGE}`);
  const start = (page - 1) * perPage;
  // The list carries no `diff` (DopplerHQ/node-sdk ConfigLogsListResponse); only the single log names the changed secrets.
  const logs = doppler.logs.slice(start, start + perPage).map((log) => {
    const { diff, ...listed } = log;
    void diff;
    return listed;
  });
  return json(200, { page, logs, success: true });
}

/** GET /v3/configs/config/logs/log?log=<id>: one entry with its diff (DopplerHQ/node-sdk ConfigLogsGetResponse). */
function singleLog(ctx: SimContext): SimResponse {
  const { doppler } = ctx.state;
  if (doppler.logsForbidden) return dopplerError(403, "You do not have access to view logs for this config");
  const id = ctx.query.get("log");
  if (!id) return dopplerError(400, "Missing required parameter: log");
  const log = doppler.logs.find((l) => l.id === id);
  if (!log) return dopplerError(404, "Could not find requested log");
  return json(200, { log, success: true });
}

export const doppler: VendorModule = {
  vendor: "doppler",

  authorize(ctx) {
    // Doppler takes the token as a Bearer token or as the Basic-auth user name.
    const token = authToken(ctx, ["Bearer"]) ?? basicAuth(ctx)?.user ?? null;
    if (!token || token !== ctx.state.credentials.dopplerToken) return dopplerError(401, "Invalid Auth token");
    return null;
  },

  handle(ctx) {
    if (ctx.method !== "GET") return dopplerError(405, "Method not allowed");
    const path = `/${segments(ctx.path).join("/")}`;
    if (path === "/v3/me") return me(ctx);
    if (path === "/v3/workplace") return dopplerError(403, "Service tokens cannot access workplace settings");
    const configProblem = path.startsWith("/v3/configs/config/") ? checkConfig(ctx) : null;
    if (configProblem) return configProblem;
    if (path === "/v3/configs/config/secrets/names") return secrets(ctx, true);
    if (path === "/v3/configs/config/secrets") return secrets(ctx, false);
    if (path === "/v3/configs/config/logs") return logs(ctx);
    if (path === "/v3/configs/config/logs/log") return singleLog(ctx);
    return dopplerError(404, "Could not find requested endpoint");
  },

  error(_ctx, status, message) {
    return dopplerError(status, message);
  },

  rateLimited(ctx, retryAfterS) {
    const wait = retryAfterS ?? 1;
    return dopplerError(429, "Rate limit exceeded. Please try again later.", {
      "retry-after": String(wait),
      "x-ratelimit-limit": "240",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(resetAt(ctx.now, wait).s),
    });
  },

  decorate(_ctx, res) {
    res.headers["x-request-id"] = randomUUID();
  },
};
