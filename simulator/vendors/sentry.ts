import type { SentryIssue } from "../state-types";
import { authToken, intParam, json, resetAt, segments, text, type SimContext, type SimResponse, type VendorModule } from "../http";

// Sentry Web API (`SENTRY_API_URL`, normally https://sentry.io): the organization issues list with cursor
// paging in the `Link` header, and rate-limit counters on every response (Sentry sends no Retry-After).

const MAX_LIMIT = 100;
const PERIODS: Record<string, number> = { "": 0, "24h": 86_400_000, "14d": 14 * 86_400_000 };

function sentryError(status: number, detail: string): SimResponse {
  return json(status, { detail });
}

/** `value:offset:is_prev` as Sentry formats cursors. */
function parseCursor(raw: string | null): number | null {
  if (!raw) return 0;
  const m = /^(\d+):(\d+):([01])$/.exec(raw);
  return m ? Number(m[2]) : null;
}

function link(ctx: SimContext, cursor: string, rel: "previous" | "next", results: boolean): string {
  // Sentry leaves the cursor's colons unescaped in the URL; keep that so clients see the real thing.
  const query = new URLSearchParams(ctx.query);
  query.delete("cursor");
  const rest = query.toString();
  return `<${ctx.base}${ctx.path}?${rest ? `${rest}&` : ""}cursor=${cursor}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
}

function matchesQuery(issue: SentryIssue, query: string): boolean {
  const status = /(?:^|\s)is:(unresolved|resolved|ignored)(?:\s|$)/.exec(query)?.[1];
  return !status || issue.status === status;
}

function listIssues(ctx: SimContext, org: string): SimResponse {
  const { sentry } = ctx.state;
  if (org !== sentry.org) return sentryError(404, "The requested resource does not exist");
  const period = ctx.query.get("statsPeriod") ?? "";
  if (!(period in PERIODS)) return sentryError(400, "Invalid stats_period. Valid choices are '', '24h', and '14d'");
  const limit = Math.min(intParam(ctx.query, "limit") ?? MAX_LIMIT, MAX_LIMIT);
  if (Number.isNaN(limit) || limit < 1) return sentryError(400, "Invalid limit parameter.");
  const offset = parseCursor(ctx.query.get("cursor"));
  if (offset === null) return sentryError(400, "Invalid cursor parameter.");
  // Sentry treats a missing query as is:unresolved; an explicit empty query lists every status.
  const query = ctx.query.get("query") ?? "is:unresolved";
  const projects = ctx.query.getAll("project").filter((p) => p !== "-1");
  const windowMs = PERIODS[period] ?? 0;

  const matching = sentry.issues
    .filter((i) => matchesQuery(i, query) && (projects.length === 0 || projects.includes(i.project.id)))
    .filter((i) => windowMs === 0 || Date.parse(i.lastSeen) >= ctx.now - windowMs)
    .sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
  const page = matching.slice(offset, offset + limit);
  const hasNext = offset + limit < matching.length;
  const prev = link(ctx, `0:${Math.max(0, offset - limit)}:1`, "previous", offset > 0);
  const next = link(ctx, `0:${offset + limit}:0`, "next", hasNext);
  return json(200, page, { link: `${prev}, ${next}`, "x-hits": String(matching.length), "x-max-hits": String(matching.length) });
}

export const sentry: VendorModule = {
  vendor: "sentry",

  authorize(ctx) {
    const token = authToken(ctx, ["Bearer"]);
    if (!token) return sentryError(401, "Authentication credentials were not provided.");
    if (token !== ctx.state.credentials.sentryAuthToken) return sentryError(401, "Invalid token");
    return null;
  },

  handle(ctx) {
    const [api, zero, organizations, org, issues, ...rest] = segments(ctx.path);
    if (api === "api" && zero === "0" && organizations === "organizations" && org && issues === "issues" && rest.length === 0 && ctx.method === "GET") {
      return listIssues(ctx, org);
    }
    return sentryError(404, "The requested resource does not exist");
  },

  error(_ctx, status, message) {
    return sentryError(status, message);
  },

  rateLimited(ctx, retryAfterS) {
    const { limit, windowS } = ctx.state.sentry.rateLimit;
    const res = text(429, `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowS} seconds`, "text/html; charset=utf-8");
    // decorate() runs afterwards and fills the other counters; the reset is what a client must wait for.
    res.headers["x-sentry-rate-limit-remaining"] = "0";
    res.headers["x-sentry-rate-limit-reset"] = String(resetAt(ctx.now, retryAfterS ?? windowS).s);
    return res;
  },

  decorate(ctx, res) {
    const { limit, windowS, concurrentLimit } = ctx.state.sentry.rateLimit;
    res.headers["x-sentry-rate-limit-limit"] ??= String(limit);
    res.headers["x-sentry-rate-limit-remaining"] ??= String(Math.max(0, limit - 1));
    res.headers["x-sentry-rate-limit-reset"] ??= String(resetAt(ctx.now, windowS).s);
    res.headers["x-sentry-rate-limit-concurrentlimit"] ??= String(concurrentLimit);
    res.headers["x-sentry-rate-limit-concurrentremaining"] ??= String(Math.max(0, concurrentLimit - 1));
  },
};
