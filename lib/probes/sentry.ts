import { z } from "zod";
import type { HttpFailure } from "@/lib/probes/http";
import { bearer, fetchParsed, failedOutcome, trimBase } from "@/lib/probes/outcome";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Sentry unresolved issues of the org (optionally some projects), paged by the `Link` header.

export interface SentryConfig {
  token: string;
  org: string;
  projects: string[];
  apiUrl: string;
  unresolvedMax: number;
}

export interface SentryIssue {
  id: string;
  shortId: string | null;
  title: string | null;
  level: string | null;
  count: number;
  lastSeen: string | null;
}

// `count` is a string on the wire ("150"); anything unreadable counts as 0 rather than failing the page.
const countSchema = z.union([z.string(), z.number()]).nullish().transform((v) => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
});

const issueSchema = z
  .object({
    id: z.string(),
    shortId: z.string().nullish(),
    title: z.string().nullish(),
    level: z.string().nullish(),
    count: countSchema,
    lastSeen: z.string().nullish(),
  })
  .transform(
    (i): SentryIssue => ({
      id: i.id,
      shortId: i.shortId ?? null,
      title: i.title ?? null,
      level: i.level ?? null,
      count: i.count,
      lastSeen: i.lastSeen ?? null,
    }),
  );
export const sentryIssuesSchema = z.array(issueSchema);

/** One recorded page of issues, or null when the body has the wrong shape. */
export function parseSentryIssues(body: unknown): SentryIssue[] | null {
  const parsed = sentryIssuesSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export interface SentryLink {
  url: string;
  rel: string;
  results: boolean;
  cursor: string | null;
}

/** Entries of Sentry's `Link` header: `<url>; rel="next"; results="true"; cursor="0:100:0", ...`. */
export function parseSentryLink(header: string | null): SentryLink[] {
  if (!header) return [];
  const links: SentryLink[] = [];
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const attrs = new Map([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    links.push({
      url: match[1] ?? "",
      rel: attrs.get("rel") ?? "",
      results: attrs.get("results") === "true",
      cursor: attrs.get("cursor") ?? null,
    });
  }
  return links;
}

/** The cursor of the next page, or null when Sentry says there are no more results. */
export function findNextSentryCursor(header: string | null): string | null {
  const next = parseSentryLink(header).find((l) => l.rel === "next");
  return next?.results && next.cursor ? next.cursor : null;
}

/** The issues that matter most: highest event count first, at most five. */
export function rankSentryIssues(issues: SentryIssue[]) {
  return [...issues]
    .sort((a, b) => b.count - a.count)
    .slice(0, 5)
    .map((i) => ({ short_id: i.shortId, title: i.title, level: i.level, count: i.count, last_seen: i.lastSeen }));
}

/** Sentry's own marker for "every project this token can see" (ALL_ACCESS_PROJECT_ID). */
const allAccessibleProjects = "-1";

/**
 * The project filters to query with, one request walk each. Sentry takes numeric ids in `project` and
 * slugs in `projectSlug`; given both in one request it silently uses the slugs only
 * (OrganizationEndpoint.get_projects in getsentry/sentry), so a mixed list needs two walks. With no
 * projects configured, `project=-1` asks for every accessible project rather than Sentry's default of
 * "projects I am a member of".
 */
export function listProjectFilters(projects: readonly string[]): { param: "project" | "projectSlug"; values: string[] }[] {
  const ids = projects.filter((p) => /^\d+$/.test(p));
  const slugs = projects.filter((p) => !/^\d+$/.test(p));
  const filters: { param: "project" | "projectSlug"; values: string[] }[] = [];
  if (ids.length || !slugs.length) filters.push({ param: "project", values: ids.length ? ids : [allAccessibleProjects] });
  if (slugs.length) filters.push({ param: "projectSlug", values: slugs });
  return filters;
}

function buildFirstUrl(config: SentryConfig, filter: ReturnType<typeof listProjectFilters>[number]): string {
  const params = new URLSearchParams({ query: "is:unresolved", statsPeriod: "24h", limit: "100" });
  for (const value of filter.values) params.append(filter.param, value);
  return `${config.apiUrl}/api/0/organizations/${encodeURIComponent(config.org)}/issues/?${params.toString()}`;
}

type Walk = { ok: true; pages: number; truncated: boolean } | { ok: false; pages: number; failure: HttpFailure };

/** Follows one query's `Link` pages into `issues` (keyed by id, so overlapping walks count an issue once). */
async function walkIssues(config: SentryConfig, firstUrl: string, issues: Map<string, SentryIssue>, ctx: ProbeContext, pageBudget: number): Promise<Walk> {
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    // Only the cursor is taken from the Link header: the token must never follow a URL the response chose.
    const url = cursor === null ? firstUrl : `${firstUrl}&cursor=${encodeURIComponent(cursor)}`;
    const result = await fetchParsed({ service: "Sentry API", url, headers: bearer(config.token), signal: ctx.signal }, sentryIssuesSchema);
    if (!result.ok) return { ok: false, pages, failure: result };
    pages += 1;
    for (const issue of result.data) issues.set(issue.id, issue);
    const next = findNextSentryCursor(result.headers.get("link"));
    if (next === null || next === cursor) return { ok: true, pages, truncated: false };
    if (pages >= pageBudget) return { ok: true, pages, truncated: true };
    cursor = next;
  }
}

export async function runSentryProbe(config: SentryConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const issues = new Map<string, SentryIssue>();
  let pages = 0;
  let truncated = false;
  for (const filter of listProjectFilters(config.projects)) {
    // The page cap bounds the whole probe, however many walks it takes; the count is then a lower bound.
    if (pages >= ctx.pageCap) {
      truncated = true;
      break;
    }
    const walk = await walkIssues(config, buildFirstUrl(config, filter), issues, ctx, ctx.pageCap - pages);
    pages += walk.pages;
    if (!walk.ok) return failedOutcome(walk.failure, { org: config.org, pages });
    truncated ||= walk.truncated;
  }

  const all = [...issues.values()];
  const details = { org: config.org, unresolved_count: all.length, pages, truncated, top: rankSentryIssues(all) };
  if (details.unresolved_count > config.unresolvedMax) {
    const atLeast = truncated ? "at least " : "";
    const error = `${atLeast}${details.unresolved_count} unresolved Sentry issues seen in the last 24 h (threshold ${config.unresolvedMax})`;
    return { status: "degraded", details, error: error.charAt(0).toUpperCase() + error.slice(1) };
  }
  return { status: "healthy", details, error: null };
}

export const sentryProbe: ProbeDefinition<SentryConfig> = {
  name: "sentry",
  label: "Sentry",
  requiredEnv: ["SENTRY_AUTH_TOKEN", "SENTRY_ORG"],
  configFromEnv(env) {
    if (!env.SENTRY_AUTH_TOKEN || !env.SENTRY_ORG) return null;
    return {
      token: env.SENTRY_AUTH_TOKEN,
      org: env.SENTRY_ORG,
      projects: env.SENTRY_PROJECTS,
      apiUrl: trimBase(env.SENTRY_API_URL),
      unresolvedMax: env.LOOKOUT_SENTRY_UNRESOLVED_MAX,
    };
  },
  run: runSentryProbe,
};
