import { authToken, intParam, json, resetAt, type SimContext, type SimResponse, type VendorModule } from "../http";

// Vercel REST API (`VERCEL_API_URL`, normally https://api.vercel.com): the deployments list with its
// timestamp pagination — the next page is `until=<pagination.next>`, and `next` is null on the last page.

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

function vercelError(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): SimResponse {
  return json(status, { error: { code, message, ...extra } }, headers);
}

function listDeployments(ctx: SimContext): SimResponse {
  const { vercel } = ctx.state;
  const teamId = ctx.query.get("teamId");
  if (teamId && teamId !== vercel.teamId) return vercelError(403, "forbidden", "Not authorized");
  const limit = intParam(ctx.query, "limit") ?? DEFAULT_LIMIT;
  const since = intParam(ctx.query, "since");
  const until = intParam(ctx.query, "until");
  if (Number.isNaN(limit) || limit < 1 || limit > MAX_LIMIT) {
    return vercelError(400, "bad_request", `Invalid request: \`limit\` should be an integer between 1 and ${MAX_LIMIT}.`);
  }
  if (Number.isNaN(since) || Number.isNaN(until)) return vercelError(400, "bad_request", "Invalid request: `since` and `until` must be timestamps in milliseconds.");
  const projectId = ctx.query.get("projectId");
  const state = ctx.query.get("state")?.split(",");
  const target = ctx.query.get("target");

  const matching = vercel.deployments
    .filter((d) => (!projectId || d.projectId === projectId) && (since === undefined || d.created >= since) && (until === undefined || d.created < until))
    .filter((d) => (!state || state.includes(d.readyState)) && (!target || d.target === target))
    .sort((a, b) => b.created - a.created);
  const page = matching.slice(0, limit);
  const more = matching.length > page.length;
  return json(200, {
    pagination: { count: page.length, next: more ? (page.at(-1)?.created ?? null) : null, prev: page[0]?.created ?? null },
    deployments: page,
  });
}

export const vercel: VendorModule = {
  vendor: "vercel",

  authorize(ctx) {
    const token = authToken(ctx, ["Bearer"]);
    // The errors page documents {code, message}; real 403s for a bad token add `invalidToken: true`, nothing else.
    if (!token) return vercelError(403, "forbidden", "Not authorized");
    if (token !== ctx.state.credentials.vercelToken) return vercelError(403, "forbidden", "Not authorized", { invalidToken: true });
    return null;
  },

  handle(ctx) {
    if (ctx.path.replace(/\/+$/, "") === "/v6/deployments" && ctx.method === "GET") return listDeployments(ctx);
    return vercelError(404, "not_found", "The requested path was not found.");
  },

  error(_ctx, status, message) {
    return vercelError(status, status >= 500 ? "internal_server_error" : "bad_request", message);
  },

  rateLimited(ctx, retryAfterS) {
    const wait = retryAfterS ?? 1;
    const reset = resetAt(ctx.now, wait);
    const total = 100;
    return vercelError(
      429,
      "rate_limited",
      "Rate limit exceeded",
      { limit: { remaining: 0, reset: reset.s, resetMs: reset.ms, total } },
      { "retry-after": String(wait), "x-ratelimit-limit": String(total), "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset.s) },
    );
  },

  decorate(_ctx, res) {
    res.headers["x-vercel-id"] ??= `iad1::sim-${Math.random().toString(36).slice(2, 12)}`;
  },
};
