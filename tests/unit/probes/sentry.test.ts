import { afterEach, describe, expect, it } from "vitest";
import { findNextSentryCursor, parseSentryIssues, parseSentryLink, rankSentryIssues, sentryProbe } from "@/lib/probes/sentry";
import { buildEnv, loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor, type SeenRequest } from "./fake-vendor";

const links = loadFixture<{ first_page_more: string; last_page: string }>("sentry", "link-headers.json");

describe("parseSentryLink", () => {
  it("reads both entries with their results flag and cursor", () => {
    const parsed = parseSentryLink(links.first_page_more);
    expect(parsed.map(({ rel, results, cursor }) => ({ rel, results, cursor }))).toEqual([
      { rel: "previous", results: false, cursor: "0:0:1" },
      { rel: "next", results: true, cursor: "0:100:0" },
    ]);
    expect(parsed[1]?.url).toMatch(/^https:\/\/sentry\.io\/api\/0\/organizations\/acme\/issues\/\?/);
  });

  it("follows next only while results=\"true\"", () => {
    expect(findNextSentryCursor(links.first_page_more)).toBe("0:100:0");
    expect(findNextSentryCursor(links.last_page)).toBeNull();
    expect(findNextSentryCursor(null)).toBeNull();
  });
});

describe("parseSentryIssues", () => {
  it("turns the string count into a number", () => {
    const issues = parseSentryIssues(loadFixture("sentry", "issues-page-1.json"));
    expect(issues?.map((i) => i.count)).toEqual([150, 12, 7]);
  });

  it("ranks the top issues by count", () => {
    const all = [...(parseSentryIssues(loadFixture("sentry", "issues-page-1.json")) ?? []), ...(parseSentryIssues(loadFixture("sentry", "issues-page-2.json")) ?? [])];
    const top = rankSentryIssues(all);
    expect(top.map((i) => i.short_id)).toEqual(["LOOKOUT-RUNTIME-9", "LOOKOUT-WEB-1A", "LOOKOUT-WEB-1B", "LOOKOUT-WEB-1C", "LOOKOUT-RUNTIME-A"]);
    expect(top[0]).toEqual({
      short_id: "LOOKOUT-RUNTIME-9",
      title: "Error: connect ECONNREFUSED 10.0.0.4:5432",
      level: "fatal",
      count: 1024,
      last_seen: "2026-11-25T11:58:00Z",
    });
  });
});

describe("sentryProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  // Page 1 links to page 2 (results="true"); page 2's next says results="false".
  const twoPages = (req: SeenRequest): FakeReply =>
    req.query.get("cursor") === "0:100:0"
      ? { json: loadFixture("sentry", "issues-page-2.json"), headers: { link: links.last_page } }
      : { json: loadFixture("sentry", "issues-page-1.json"), headers: { link: links.first_page_more } };

  const run = (extra: Record<string, string> = {}, pageCap = 10) =>
    withContext(
      (ctx) => {
        const env = buildEnv({ SENTRY_AUTH_TOKEN: "sntrys_test_token", SENTRY_ORG: "acme", SENTRY_API_URL: vendor!.url, ...extra });
        const config = sentryProbe.configFromEnv(env);
        if (!config) throw new Error("expected a config");
        return sentryProbe.run(config, ctx);
      },
      { pageCap },
    );

  it("is unconfigured without a token or an org", () => {
    expect(sentryProbe.configFromEnv(buildEnv({ SENTRY_ORG: "acme" }))).toBeNull();
    expect(sentryProbe.configFromEnv(buildEnv({ SENTRY_AUTH_TOKEN: "sntrys_test_token" }))).toBeNull();
  });

  it("pages with the Link cursor until results=\"false\" and is healthy under the threshold", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    const outcome = await run({ SENTRY_PROJECTS: "4504012345678912,4504012345678913" });
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ org: "acme", unresolved_count: 5, pages: 2, truncated: false });
    const first = vendor.requests[0]?.query;
    expect(first?.get("query")).toBe("is:unresolved");
    expect(first?.get("statsPeriod")).toBe("24h");
    expect(first?.getAll("project")).toEqual(["4504012345678912", "4504012345678913"]);
    expect(vendor.requests[1]?.query.get("cursor")).toBe("0:100:0");
  });

  it("asks for every accessible project (project=-1) when none is configured", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    await run();
    expect(vendor.requests[0]?.query.getAll("project")).toEqual(["-1"]);
    expect(vendor.requests[0]?.query.has("projectSlug")).toBe(false);
  });

  it("sends slugs as projectSlug, never in project (Sentry refuses non-numeric project values)", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    await run({ SENTRY_PROJECTS: "web-app,api" });
    const first = vendor.requests[0]?.query;
    expect(first?.getAll("projectSlug")).toEqual(["web-app", "api"]);
    expect(first?.has("project")).toBe(false);
  });

  it("walks ids and slugs as two queries, never both in one request, and counts an issue once", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    const outcome = await run({ SENTRY_PROJECTS: "4504012345678912,web-app" });
    const queries = vendor.requests.map((r) => r.query);
    expect(queries.every((q) => !(q.has("project") && q.has("projectSlug")))).toBe(true);
    expect(queries.filter((q) => !q.has("cursor")).map((q) => [q.getAll("project"), q.getAll("projectSlug")])).toEqual([
      [["4504012345678912"], []],
      [[], ["web-app"]],
    ]);
    // Both walks saw the same five issues: the count is of distinct issues.
    expect(outcome.details).toMatchObject({ unresolved_count: 5, pages: 4, truncated: false });
  });

  it("keeps the page cap across both walks and says the count is a lower bound", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    const outcome = await run({ SENTRY_PROJECTS: "4504012345678912,web-app" }, 2);
    expect(vendor.requests).toHaveLength(2);
    expect(outcome.details).toMatchObject({ pages: 2, truncated: true });
  });

  it("is degraded above the unresolved threshold", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    const outcome = await run({ LOOKOUT_SENTRY_UNRESOLVED_MAX: "3" });
    expect(outcome).toMatchObject({ status: "degraded", error: "5 unresolved Sentry issues seen in the last 24 h (threshold 3)" });
  });

  it("stops at the page cap and marks the count truncated", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": twoPages });
    const outcome = await run({ LOOKOUT_SENTRY_UNRESOLVED_MAX: "2" }, 1);
    expect(outcome.details).toMatchObject({ unresolved_count: 3, pages: 1, truncated: true });
    expect(outcome.error).toBe("At least 3 unresolved Sentry issues seen in the last 24 h (threshold 2)");
    expect(vendor.requests).toHaveLength(1);
  });

  it("is unhealthy on an API error, quoting Sentry's detail", async () => {
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": { status: 403, json: loadFixture("sentry", "error-permission.json") } });
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: "unhealthy",
      error: "Sentry API credentials rejected (HTTP 403): You do not have permission to perform this action.",
    });
  });

  it("is degraded by a 429 whose wait comes from X-Sentry-Rate-Limit-Reset", async () => {
    const headers = { "x-sentry-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 20), "x-sentry-rate-limit-remaining": "0" };
    vendor = await startFakeVendor({ "/api/0/organizations/acme/issues/": { status: 429, headers, json: loadFixture("sentry", "error-rate-limited.json") } });
    const outcome = await run();
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toMatch(/^Sentry API rate limited \(retry after (19|20|21) s\)$/);
    expect(outcome.details).toMatchObject({ rate_limited: true });
  });
});
