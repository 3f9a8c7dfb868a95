import { afterEach, describe, expect, it } from "vitest";
import { parseVercelPage, summariseDeployments, vercelProbe, type VercelPage } from "@/lib/probes/vercel";
import { buildEnv, fixtureNow, loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor, type SeenRequest } from "./fake-vendor";

const page = (n: number) => loadFixture<{ pagination: { next: number | null } }>("vercel", `deployments-page-${n}.json`);
const parsed = (file: string): VercelPage => {
  const result = parseVercelPage(loadFixture("vercel", file));
  if (!result) throw new Error(`${file} did not parse`);
  return result;
};

describe("parseVercelPage", () => {
  it("reads deployments and the next cursor", () => {
    const first = parsed("deployments-page-1.json");
    expect(first.next).toBe(page(1).pagination.next);
    expect(first.deployments[1]).toMatchObject({ uid: "dpl_2bWyr8Yw6QGQ3hSgZlA", state: "ERROR", target: "preview", errorCode: "BUILD_FAILED" });
    expect(parsed("deployments-page-3.json").next).toBeNull();
  });

  it("returns null for a body of the wrong shape", () => {
    expect(parseVercelPage({ deployments: "none" })).toBeNull();
  });
});

describe("summariseDeployments", () => {
  it("counts the last 24 h only and leaves cancelled and building deployments out of the error rate", () => {
    const all = [1, 2, 3].flatMap((n) => parsed(`deployments-page-${n}.json`).deployments);
    const summary = summariseDeployments(all, fixtureNow);
    expect(summary).toMatchObject({ deployments_24h: 9, ready_24h: 5, errors_24h: 3, error_rate_24h: 0.375 });
    expect(summary.latest).toEqual({ state: "READY", target: "production", created_at: "2026-11-25T11:00:00.000Z" });
    expect(summary.recent_errors).toEqual([
      { name: "lookout-web", error_code: "BUILD_FAILED", created_at: "2026-11-25T10:00:00.000Z" },
      { name: "lookout-web", error_code: "BUILD_UTILS_SPAWN_1", created_at: "2026-11-25T04:00:00.000Z" },
      { name: "lookout-web", error_code: "BUILD_FAILED", created_at: "2026-11-24T13:00:00.000Z" },
    ]);
  });

  it("counts BLOCKED deployments on their own, neither a success nor an error", () => {
    const at = (uid: string, state: string, hoursAgo: number) => ({
      uid,
      name: "web",
      state,
      target: null,
      createdMs: fixtureNow.getTime() - hoursAgo * 3_600_000,
      errorCode: null,
    });
    const summary = summariseDeployments([at("a", "READY", 1), at("b", "BLOCKED", 2), at("c", "BLOCKED", 3), at("d", "ERROR", 4)], fixtureNow);
    expect(summary).toMatchObject({ deployments_24h: 4, ready_24h: 1, errors_24h: 1, blocked_24h: 2, error_rate_24h: 0.5 });
  });

  it("reports a zero error rate when nothing finished", () => {
    expect(summariseDeployments([], fixtureNow)).toMatchObject({ deployments_24h: 0, error_rate_24h: 0, latest: null, recent_errors: [] });
  });
});

describe("vercelProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  // Serves the three recorded pages by their `until` cursor, as Vercel does.
  const threePages = (req: SeenRequest): FakeReply => {
    const until = req.query.get("until");
    if (until === null) return { json: page(1) };
    if (until === String(page(1).pagination.next)) return { json: page(2) };
    if (until === String(page(2).pagination.next)) return { json: page(3) };
    return { status: 400, json: { error: { code: "bad_request", message: "unknown cursor" } } };
  };

  const run = (pageCap = 10, extra: Record<string, string> = {}) =>
    withContext(
      (ctx) => {
        const config = vercelProbe.configFromEnv(buildEnv({ VERCEL_TOKEN: "vc_test_token", VERCEL_API_URL: vendor!.url, ...extra }));
        if (!config) throw new Error("expected a config");
        return vercelProbe.run(config, ctx);
      },
      { pageCap },
    );

  it("is unconfigured without a token", () => {
    expect(vercelProbe.configFromEnv(buildEnv({}))).toBeNull();
  });

  it("follows pagination across three pages and is degraded by the error rate", async () => {
    vendor = await startFakeVendor({ "/v6/deployments": threePages });
    const outcome = await run(10, { VERCEL_PROJECT_ID: "prj_12HKQ", VERCEL_TEAM_ID: "team_acme" });
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toBe("Vercel deployment error rate 37.5% over the last 24 h (3 of 8 finished; threshold 10%)");
    expect(outcome.details).toMatchObject({ deployments_24h: 9, error_rate_24h: 0.375, pages: 3, truncated: false });
    const first = vendor.requests[0]?.query;
    expect(Object.fromEntries(first ?? [])).toEqual({
      limit: "100",
      since: String(fixtureNow.getTime() - 86_400_000),
      projectId: "prj_12HKQ",
      teamId: "team_acme",
    });
    expect(vendor.requests[0]?.headers.authorization).toBe("Bearer vc_test_token");
  });

  it("stops at the page cap and says the figures are truncated", async () => {
    vendor = await startFakeVendor({ "/v6/deployments": threePages });
    const outcome = await run(2);
    expect(outcome.details).toMatchObject({ pages: 2, truncated: true, deployments_24h: 6 });
    expect(vendor.requests).toHaveLength(2);
  });

  it("is healthy when no finished deployment failed", async () => {
    vendor = await startFakeVendor({ "/v6/deployments": { json: loadFixture("vercel", "deployments-healthy.json") } });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ deployments_24h: 5, ready_24h: 3, errors_24h: 0, error_rate_24h: 0, pages: 1 });
    expect(outcome.details.latest).toMatchObject({ state: "BUILDING" });
  });

  it("is unhealthy when the API refuses the token", async () => {
    vendor = await startFakeVendor({ "/v6/deployments": { status: 403, json: loadFixture("vercel", "error-forbidden.json") } });
    expect(await run()).toMatchObject({ status: "unhealthy", error: "Vercel API credentials rejected (HTTP 403): Not authorized" });
  });

  it("is degraded by a 429 and reads the wait from the body's limit.reset", async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    const body = { error: { code: "rate_limited", message: "Rate limit exceeded", limit: { remaining: 0, reset, resetMs: reset * 1000, total: 100 } } };
    vendor = await startFakeVendor({ "/v6/deployments": { status: 429, json: body } });
    const outcome = await run();
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toMatch(/^Vercel API rate limited \(retry after (29|30) s\)$/);
    expect(outcome.details).toMatchObject({ rate_limited: true, pages: 0 });
  });

  it("fails the probe when a later page fails", async () => {
    vendor = await startFakeVendor({
      "/v6/deployments": (req) => (req.query.has("until") ? { status: 500, json: loadFixture("vercel", "error-internal.json") } : { json: page(1) }),
    });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: "unhealthy", error: "Vercel API answered HTTP 500: An unexpected internal error occurred" });
    expect(outcome.details).toEqual({ pages: 1 });
  });
});
