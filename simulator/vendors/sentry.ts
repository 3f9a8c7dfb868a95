import type { SentryIssue } from "../state-types";
import { authToken, intParam, json, resetAt, segments, text, type SimContext, type SimResponse, type VendorModule } from "../http";

// Sentry Web API (`SENTRY_API_URL`, normally https://sentry.io): the organization issues list with cursor
// paging in the `Link` header, and rate-limit counters on every response (Sentry sends no Retry-After).

const MAX_LIMIT = 100;
const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
// Without statsPeriod (or start/end), get_date_range_from_params falls back to MAX_STATS_PERIOD.
const ISSUES_DEFAULT_PERIOD_MS = 90 * 86_400_000;
// Sentry's markers for "every project I can access" (ALL_ACCESS_PROJECT_ID / ALL_ACCESS_PROJECTS_SLUG).
const ALL_PROJECT_ID = "-1";
const ALL_PROJECTS_SLUG = "$all";

/** Sentry's parse_stats_period (src/sentry/utils/dates.py): `<digits><s|m|h|d|w>`, no unit meaning seconds. */
export function parseStatsPeriod(raw: string): number | null {
  const m = /^(\d+)([hdmsw]?)$/.exec(raw);
  return m ? Number(m[1]) * (UNITS_MS[m[2] || "s"] ?? 1_000) : null;
}

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

type ProjectFilter = { all: true } | { all: false; ids: Set<string> } | SimResponse;

const permissionDenied = () => sentryError(403, "You do not have permission to perform this action.");
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * OrganizationEndpoint.get_projects: numeric ids in `project`, slugs in `projectSlug`. With slugs the
 * slug filter is applied, and _validate_fetched_projects then wants every requested slug AND id to be
 * exactly the projects found, so an id list that is not the same projects is a 403.
 */
function readProjectFilter(ctx: SimContext): ProjectFilter {
  const { projects } = ctx.state.sentry;
  const slugs = new Set(ctx.query.getAll("projectSlug").filter(Boolean));
  const rawIds = ctx.query.getAll("project");
  if (rawIds.some((id) => !/^-?\d+$/.test(id))) return sentryError(400, "Invalid project parameter. Values must be numbers.");
  const ids = new Set(rawIds);
  if (slugs.size ? slugs.has(ALL_PROJECTS_SLUG) : ids.has(ALL_PROJECT_ID) || ids.size === 0) return { all: true };
  const found = slugs.size ? projects.filter((p) => slugs.has(p.slug)) : projects.filter((p) => ids.has(p.id));
  if (slugs.size && !sameSet(slugs, new Set(found.map((p) => p.slug)))) return permissionDenied();
  if (ids.size && !sameSet(ids, new Set(found.map((p) => p.id)))) return permissionDenied();
  return { all: false, ids: new Set(found.map((p) => p.id)) };
}

function listIssues(ctx: SimContext, org: string): SimResponse {
  const { sentry } = ctx.state;
  if (org !== sentry.org) return sentryError(404, "The requested resource does not exist");
  const period = ctx.query.get("statsPeriod");
  const windowMs = period === null ? ISSUES_DEFAULT_PERIOD_MS : parseStatsPeriod(period);
  // Python's repr of the value, as InvalidParams formats it.
  if (windowMs === null) return sentryError(400, `Invalid statsPeriod: '${period}'`);
  const groupStats = ctx.query.get("groupStatsPeriod");
  if (groupStats !== null && !["", "24h", "14d", "auto"].includes(groupStats)) {
    return sentryError(400, "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'");
  }
  const projectFilter = readProjectFilter(ctx);
  if ("status" in projectFilter) return projectFilter;
  const limit = Math.min(intParam(ctx.query, "limit") ?? MAX_LIMIT, MAX_LIMIT);
  if (Number.isNaN(limit) || limit < 1) return sentryError(400, "Invalid limit parameter.");
  const offset = parseCursor(ctx.query.get("cursor"));
  if (offset === null) return sentryError(400, "Invalid cursor parameter.");
  // Sentry treats a missing query as is:unresolved; an explicit empty query lists every status.
  const query = ctx.query.get("query") ?? "is:unresolved";
  // A flapping org: each walk of the list (its first page) sees the other list; later pages keep the walk's.
  if (sentry.flapWith && ctx.query.get("cursor") === null) [sentry.issues, sentry.flapWith] = [sentry.flapWith, sentry.issues];

  const matching = sentry.issues
    .filter((i) => matchesQuery(i, query) && (projectFilter.all || projectFilter.ids.has(i.project.id)))
    .filter((i) => Date.parse(i.lastSeen) >= ctx.now - windowMs)
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
    // Sentry's rate-limit middleware writes a JSON {"detail": ...} body into a plain Django HttpResponse,
    // whose content type stays text/html (src/sentry/middleware/ratelimit.py).
    const detail = `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowS} seconds`;
    const res = text(429, JSON.stringify({ detail }), "text/html; charset=utf-8");
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
