// Sentry contract: GET /api/0/organizations/{org}/issues/ (list an organization's issues).
// Sources, read 2026-11-30:
// - getsentry/sentry-api-schema openapi-derefed.json, commit a589a26c3b29bfc342a47baa963b7970961f958e (release
//   0.272.0): operation listOrganizationIssues, its 200 item schema (`count` is a string) and its parameters.
// - getsentry/sentry src/sentry/issues/endpoints/organization_group_index.py, commit
//   0091ead97bbc07b263fe150d9f150fbe38e0abfd: statsPeriod via get_date_range_from_stats_period, the
//   groupStatsPeriod choices, get_projects(request, organization), add_cursor_headers.
// - getsentry/sentry src/sentry/api/serializers/models/group.py BaseGroupSerializerResponse: the keys every item has.
// - getsentry/sentry src/sentry/api/bases/organization.py OrganizationEndpoint.get_projects and
//   get_requested_project_ids_unchecked (`project` ids, `projectSlug` slugs, their errors).
// - getsentry/sentry src/sentry/utils/dates.py parse_stats_period and src/sentry/api/utils.py
//   get_datetime_from_stats_period ("Invalid statsPeriod: %r").
// - getsentry/sentry src/sentry/middleware/ratelimit.py (429 body, X-Sentry-Rate-Limit-* headers) and
//   src/sentry/api/base.py (LINK_HEADER, build_cursor_link); docs.sentry.io/api/pagination for the Link example.
// The getsentry/sentry files other than the endpoint were read from the public code index's newest stored version.
import { z } from "zod";

/** The `limit` parameter's documented maximum ("The maximum is 100."). */
export const sentryMaxLimit = 100;

// Sentry answers every DRF error as {"detail": "..."}; these are the exact texts of the ones a probe can meet.
export const sentryDetails = {
  /** ResourceDoesNotExist: unknown organization (or one the token cannot see). */
  notFound: "The requested resource does not exist",
  /** DRF PermissionDenied: a requested project is not in the org or not accessible. */
  permissionDenied: "You do not have permission to perform this action.",
  /** get_requested_project_ids_unchecked: `project` must be numeric ids; slugs go in `projectSlug`. */
  invalidProject: "Invalid project parameter. Values must be numbers.",
  /**
   * get_projects raises this only when ids AND slugs are passed as arguments (request data). The issues
   * endpoint calls get_projects(request, organization) with neither, so from the query string
   * `project` + `projectSlug` takes the slug path and then demands the ids match those projects (403 if not).
   */
  bothIdsAndSlugs: "Cannot query for both ids and slugs",
  /** ERR_INVALID_STATS_PERIOD: applies to `groupStatsPeriod`, not to `statsPeriod`. */
  invalidGroupStatsPeriod: "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'",
} as const;

/** `Invalid statsPeriod: {stats_period!r}`: Python's repr quotes plain strings with single quotes. */
export function invalidStatsPeriodDetail(value: string): string {
  return `Invalid statsPeriod: '${value}'`;
}

/** parse_stats_period: digits and an optional unit (s, m, h, d, w); no unit means seconds. */
export const sentryStatsPeriodPattern = /^(\d+)([hdmsw]?)$/;

/** What the endpoint accepts as statsPeriod: the pattern, and a non-zero span (zero gives "start must be before end"). */
export function isAcceptedStatsPeriod(value: string): boolean {
  const m = sentryStatsPeriodPattern.exec(value);
  return m !== null && Number(m[1]) > 0;
}

/** The only groupStatsPeriod values (the sparkline window); anything else is a 400. */
export const sentryGroupStatsPeriods = ["", "24h", "14d", "auto"] as const;

const isoDateTime = z.iso.datetime({ offset: true });
const numericId = z.string().regex(/^\d+$/, "Sentry ids are decimal strings");

export const sentryIssueProjectSchema = z.looseObject({
  id: numericId,
  name: z.string(),
  slug: z.string().min(1),
  platform: z.string().nullable(),
});

// Sentry keeps adding keys (seer*, derivedData), so unknown keys pass; every key the serializer always sends
// must be there with its published type.
export const sentryIssueSchema = z.looseObject({
  id: numericId,
  shareId: z.string().nullable(),
  shortId: z.string().min(1),
  title: z.string(),
  culprit: z.string().nullable(),
  permalink: z.url(),
  logger: z.string().nullable(),
  level: z.enum(["sample", "debug", "info", "warning", "error", "fatal", "unknown"]),
  status: z.enum(["resolved", "ignored", "pending_deletion", "pending_merge", "reprocessing", "unresolved"]),
  statusDetails: z.record(z.string(), z.unknown()),
  substatus: z
    .enum(["archived_until_escalating", "archived_until_condition_met", "archived_forever", "escalating", "ongoing", "regressed", "new"])
    .nullable(),
  isPublic: z.boolean(),
  platform: z.string().nullable(),
  priority: z.enum(["low", "medium", "high"]).nullable(),
  priorityLockedAt: isoDateTime.nullable(),
  project: sentryIssueProjectSchema,
  type: z.enum(["default", "error", "csp", "nel", "hpkp", "expectct", "expectstaple", "transaction", "generic", "feedback"]),
  issueType: z.string(),
  issueCategory: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  numComments: z.number().int().nonnegative(),
  assignedTo: z.looseObject({ type: z.enum(["user", "team"]), id: z.string(), name: z.string(), email: z.string().optional() }).nullable(),
  isBookmarked: z.boolean(),
  isSubscribed: z.boolean(),
  subscriptionDetails: z.looseObject({ disabled: z.boolean().optional(), reason: z.string().optional() }).nullable(),
  hasSeen: z.boolean(),
  annotations: z.array(z.looseObject({ displayName: z.string(), url: z.string() })),
  isUnhandled: z.boolean().optional(),
  // Optional in the serializer (a `collapse` can drop them) but sent on the probe's request; a number here is drift.
  count: z.string().regex(/^\d+$/, "count is a decimal STRING on the wire"),
  userCount: z.number().int().nonnegative(),
  firstSeen: isoDateTime.nullable(),
  lastSeen: isoDateTime.nullable(),
});

export const sentryIssueListSchema = z.array(sentryIssueSchema).max(sentryMaxLimit);

/** DRF's error body; a 500 from Sentry itself may add `errorId`, so other keys pass. */
export const sentryErrorSchema = z.looseObject({ detail: z.string().min(1) });

const rateLimitDetail =
  /^(You are attempting to use this endpoint too frequently\. Limit is \d+ requests in \d+ seconds|You are attempting to go above the allowed concurrency for this endpoint\. Concurrency limit is \d+)$/;

/** The middleware's 429: orjson-encoded {"detail"} (under Django's default text/html content type), no Retry-After. */
export const sentryRateLimitedSchema = z.strictObject({ detail: z.string().regex(rateLimitDetail) });

const headerInt = z.string().regex(/^\d+$/);

/** Set by the rate-limit middleware on every answer it metered, the 429 included; Reset is epoch seconds. */
export const sentryRateLimitHeadersSchema = z.looseObject({
  "x-sentry-rate-limit-limit": headerInt,
  "x-sentry-rate-limit-remaining": headerInt,
  "x-sentry-rate-limit-reset": headerInt,
  "x-sentry-rate-limit-concurrentlimit": headerInt.optional(),
  "x-sentry-rate-limit-concurrentremaining": headerInt.optional(),
});

/** Cursor.__str__: `value:offset:is_prev`; value is a sort key (an offset, or a timestamp for date sorts). */
export const sentryCursorPattern = /^-?\d+(?:\.\d+)?:\d+:[01]$/;

const linkEntry = /^<([^>]+)>; rel="([^"]*)"; results="([^"]*)"; cursor="([^"]*)"$/;

function linkEntrySchema<R extends "previous" | "next">(rel: R, isPrev: "0" | "1") {
  return z
    .object({
      url: z.url(),
      rel: z.literal(rel),
      results: z.enum(["true", "false"]).transform((v) => v === "true"),
      cursor: z.string().regex(sentryCursorPattern),
    })
    // LINK_HEADER is '<{uri}&cursor={cursor}>; ...': the URL always ends in `&cursor=` and the attribute repeats it.
    .refine((e) => e.url.endsWith(`&cursor=${e.cursor}`), { message: "the URL must end with &cursor=<the cursor attribute>" })
    .refine((e) => e.cursor.endsWith(`:${isPrev}`), { message: `a ${rel} cursor ends in :${isPrev}` });
}

/** Entries as objects; an entry outside the LINK_HEADER format becomes {unparsed} and fails the tuple below. */
function splitLinkHeader(header: string): Record<string, string>[] {
  return header.split(/,\s*(?=<)/).map((raw): Record<string, string> => {
    const m = linkEntry.exec(raw.trim());
    return m ? { url: m[1] ?? "", rel: m[2] ?? "", results: m[3] ?? "", cursor: m[4] ?? "" } : { unparsed: raw };
  });
}

/** Exactly two entries, previous then next, each with rel, results and cursor (add_cursor_headers). */
export const sentryLinkHeaderSchema = z
  .string()
  .transform(splitLinkHeader)
  .pipe(z.tuple([linkEntrySchema("previous", "1"), linkEntrySchema("next", "0")]));

export type SentryLinks = z.output<typeof sentryLinkHeaderSchema>;
