import { describe, expect, test } from "vitest";
import { z } from "zod";
import { scenarioNames } from "@/simulator/scenarios";
import { bearer, envValue, expectRejected, expectValid, get, headerRecord, injectedStatuses, readExample, readJsonExample, withSimulator } from "./harness";
import {
  invalidStatsPeriodDetail,
  isAcceptedStatsPeriod,
  sentryDetails,
  sentryErrorSchema,
  sentryIssueListSchema,
  sentryLinkHeaderSchema,
  sentryRateLimitedSchema,
  sentryRateLimitHeadersSchema,
} from "./sentry";

// The simulator's Sentry issues list over real HTTP, in every scenario and every error mode, checked against the
// contract in ./sentry.ts; then the contract itself against published examples and deliberately drifted bodies.

const running = withSimulator();
const PAGE = 25;
const MAX_PAGES = 10;

function issuesUrl(params: Record<string, string> = {}, org = envValue(running(), "SENTRY_ORG")): URL {
  const url = new URL(`${envValue(running(), "SENTRY_API_URL")}/api/0/organizations/${org}/issues/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
  return url;
}

function auth(token = envValue(running(), "SENTRY_AUTH_TOKEN")): Record<string, string> {
  return bearer(token);
}

const probeQuery = { query: "is:unresolved", statsPeriod: "24h", limit: String(PAGE) };
/** Just what paging needs from each item; the full item shape has its own test. */
const pageShape = z.array(z.looseObject({ id: z.string(), status: z.string() })).max(PAGE);

// Items and paging are separate tests so a drifted item shape does not hide what the Link header does.
describe.each(scenarioNames)("scenario %s", (scenario) => {
  test("every issue on the first page has the published item shape", async () => {
    running().sim.applyScenario(scenario);
    const res = await get(issuesUrl(probeQuery), auth());
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const issues = expectValid(sentryIssueListSchema, res.json(), `${scenario} page 1`);
    expect(issues.length).toBeLessThanOrEqual(PAGE);
  });

  test("paging: every page's Link header and rate-limit headers, following next while results=\"true\"", async () => {
    running().sim.applyScenario(scenario);
    let url: URL | string = issuesUrl(probeQuery);
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await get(url, auth());
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      for (const { id, status } of expectValid(pageShape, res.json(), `${scenario} page ${page}`)) {
        expect(status).toBe("unresolved");
        expect(seen.has(id), `issue ${id} repeated across pages`).toBe(false);
        seen.add(id);
      }
      expectValid(sentryRateLimitHeadersSchema, headerRecord(res.headers), "rate-limit headers");
      const [previous, next] = expectValid(sentryLinkHeaderSchema, res.headers.get("link"), "Link header");
      expect(previous.results).toBe(page > 1);
      if (!next.results) return;
      url = next.url;
    }
    expect.fail(`still results="true" after ${MAX_PAGES} pages`);
  });
});

describe("every error mode answers in Sentry's error shape", () => {
  test.each(injectedStatuses)("injected %i: {detail}", async (status) => {
    running().sim.setFault("sentry", { kind: "status", status });
    const res = await get(issuesUrl(probeQuery), auth());
    expect(res.status).toBe(status);
    expectValid(sentryErrorSchema, res.json(), `${status} body`);
  });

  test("rate_limit: 429 with JSON {detail} naming limit and window, and the rate-limit headers at 0 remaining", async () => {
    running().sim.setFault("sentry", { kind: "rate_limit" });
    const res = await get(issuesUrl(probeQuery), auth());
    expect(res.status).toBe(429);
    expectValid(sentryRateLimitedSchema, res.json(), "429 body");
    const headers = expectValid(sentryRateLimitHeadersSchema, headerRecord(res.headers), "429 rate-limit headers");
    expect(headers["x-sentry-rate-limit-remaining"]).toBe("0");
  });

  test("a wrong token: 401 {detail}", async () => {
    const res = await get(issuesUrl(probeQuery), auth("sntrys_not_the_right_token"));
    expect(res.status).toBe(401);
    expectValid(sentryErrorSchema, res.json(), "401 body");
  });

  test("a wrong organization: 404 with ResourceDoesNotExist's text", async () => {
    const res = await get(issuesUrl(probeQuery, "no-such-org"), auth());
    expect(res.status).toBe(404);
    expect(expectValid(sentryErrorSchema, res.json(), "404 body").detail).toBe(sentryDetails.notFound);
  });

  test("a project id outside the organization: 403 permission denied", async () => {
    const res = await get(issuesUrl({ ...probeQuery, project: "999999999" }), auth());
    expect(res.status).toBe(403);
    expect(expectValid(sentryErrorSchema, res.json(), "403 body").detail).toBe(sentryDetails.permissionDenied);
  });
});

describe("published examples satisfy the contract", () => {
  test("issues list after listOrganizationIssues' example (getsentry/sentry-api-schema openapi-derefed.json, 0.272.0)", () => {
    const issues = expectValid(sentryIssueListSchema, readJsonExample("sentry", "issues-list.json"), "example list");
    expect(issues.map((i) => i.count)).toEqual(["150", "7"]);
  });

  test("Link header after docs.sentry.io/api/pagination", () => {
    const [previous, next] = expectValid(sentryLinkHeaderSchema, readExample("sentry", "link-header.txt").trim(), "example Link");
    expect([previous.results, next.results]).toEqual([false, true]);
    expect(next.cursor).toBe("0:100:0");
  });

  test("429 body after getsentry/sentry tests/sentry/middleware/test_ratelimit_middleware.py", () => {
    expectValid(sentryRateLimitedSchema, readJsonExample("sentry", "error-rate-limited.json"), "example 429");
  });

  test("400 bodies after organization.py get_requested_project_ids_unchecked and api/utils.py get_datetime_from_stats_period", () => {
    const invalidProject = expectValid(sentryErrorSchema, readJsonExample("sentry", "error-invalid-project.json"), "example 400");
    expect(invalidProject.detail).toBe(sentryDetails.invalidProject);
    const invalidPeriod = expectValid(sentryErrorSchema, readJsonExample("sentry", "error-invalid-stats-period.json"), "example 400");
    expect(invalidPeriod.detail).toBe(invalidStatsPeriodDetail("yesterday"));
  });
});

describe("the contract rejects drifted bodies", () => {
  const example = () => (readJsonExample("sentry", "issues-list.json") as Record<string, unknown>[])[1] ?? {};

  test("count as a number", () => {
    expectRejected(sentryIssueListSchema, [{ ...example(), count: 7 }], "count");
  });

  test("project.id as a number", () => {
    expectRejected(sentryIssueListSchema, [{ ...example(), project: { id: 4508000000000001, name: "web", slug: "web", platform: null } }], "project");
  });

  test("an item without keys the serializer always sends", () => {
    const rest = Object.fromEntries(Object.entries(example()).filter(([key]) => key !== "shareId" && key !== "hasSeen"));
    expectRejected(sentryIssueListSchema, [rest], "shareId");
  });

  test("a Link header with only the next entry", () => {
    const next = readExample("sentry", "link-header.txt").trim().split(", <")[1];
    expectRejected(sentryLinkHeaderSchema, `<${next}`, "too_small");
  });

  test("a Link header whose URL does not end in &cursor=<cursor>", () => {
    const header = '<https://sentry.io/api/0/organizations/acme/issues/?limit=25>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/organizations/acme/issues/?cursor=0:25:0>; rel="next"; results="true"; cursor="0:25:0"';
    expectRejected(sentryLinkHeaderSchema, header, "&cursor=");
  });

  test("a 429 as plain text instead of JSON {detail}", () => {
    const text = "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds";
    expect(() => JSON.parse(text) as unknown).toThrow();
    expectRejected(sentryRateLimitedSchema, text, "object");
  });

  test("statsPeriod: any <n><s|m|h|d|w> (or bare seconds) is accepted; other words and zero are not", () => {
    expect(["24h", "14d", "90d", "2w", "30m", "3600s", "3600"].every(isAcceptedStatsPeriod)).toBe(true);
    expect(["", "1y", "24hours", "abc", "0h", "-1d"].some(isAcceptedStatsPeriod)).toBe(false);
  });
});
