import { afterEach, describe, expect, it } from "vitest";
import { parseVercelPage, runVercelProbe, summariseDeployments } from "@/lib/probes/vercel";
import { fixtureNow, startFakeVendor, withContext, type FakeReply, type FakeVendor } from "@/tests/unit/probes/fake-vendor";
import { expectRejected, expectValid, readJsonExample } from "./harness";
import { vercelDeploymentsPage, vercelError, vercelRateLimited } from "./vercel";

// Examples hand-written after Vercel's published ones, checked against the contract and then read by the real
// probe over HTTP: the contract and Lookout's parser are proven on the same bodies.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

const probe = (reply: FakeReply) =>
  withContext(async (ctx) => {
    vendor = await startFakeVendor({ "/v6/deployments": reply });
    return runVercelProbe({ token: "vercel-example-token", projectId: null, teamId: null, apiUrl: vendor.url, errorRateMax: 0.1 }, ctx);
  });

describe("Vercel examples", () => {
  // The first deployment copies the example in vercel/sdk docs/models/deployments.md (commit 426eb4b7): uid, name,
  // url, creator, target, inspectorUrl; its placeholder projectId and timestamps are replaced so the page falls in
  // the probe's 24 h window. The others follow the same fields with the ERROR and BLOCKED states and an errorCode
  // from the same page, plus one deployment older than the window.
  it("the page satisfies the contract and parses into READY, ERROR and BLOCKED figures", async () => {
    const body = readJsonExample("vercel", "deployments-page.json");
    expectValid(vercelDeploymentsPage, body, "deployments-page.json");

    const page = parseVercelPage(body);
    expect(page?.next).toBeNull();
    expect(page?.deployments.map((d) => d.state)).toEqual(["READY", "ERROR", "BLOCKED", "READY"]);
    const summary = summariseDeployments(page?.deployments ?? [], fixtureNow);
    // BLOCKED is neither a success nor an error; the two-day-old deployment is outside the window.
    expect(summary).toMatchObject({ deployments_24h: 3, ready_24h: 1, errors_24h: 1, blocked_24h: 1, error_rate_24h: 0.5 });
    expect(summary.recent_errors).toEqual([{ name: "docs", error_code: "BUILD_FAILED", created_at: "2026-11-25T10:00:00.000Z" }]);

    const outcome = await probe({ json: body });
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toBe("Vercel deployment error rate 50% over the last 24 h (1 of 2 finished; threshold 10%)");
    expect(outcome.details).toMatchObject({ pages: 1, latest: { state: "READY", target: "production", created_at: "2026-11-25T11:00:00.000Z" } });
  });

  // The "forbidden" and "internal_server_error" bodies of Vercel's REST API errors page.
  it("the documented forbidden and internal errors satisfy the contract and make the probe unhealthy", async () => {
    const forbidden = readJsonExample("vercel", "error-forbidden.json");
    expectValid(vercelError, forbidden, "error-forbidden.json");
    expect(await probe({ status: 403, json: forbidden })).toMatchObject({ status: "unhealthy", error: "Vercel API credentials rejected (HTTP 403): Not authorized" });
    await vendor?.close();

    const internal = readJsonExample("vercel", "error-internal.json");
    expectValid(vercelError, internal, "error-internal.json");
    expect(await probe({ status: 500, json: internal })).toMatchObject({ status: "unhealthy", error: "Vercel API answered HTTP 500: An unexpected internal error occurred" });
  });

  // The "rate_limited" body of the same page, values unchanged (its reset lies in the past, so no wait is left).
  it("the documented rate-limit body satisfies the contract and makes the probe degraded, not unhealthy", async () => {
    const body = readJsonExample("vercel", "error-rate-limited.json");
    expectValid(vercelRateLimited, body, "error-rate-limited.json");
    const outcome = await probe({ status: 429, json: body });
    expect(outcome).toMatchObject({ status: "degraded", details: { rate_limited: true, retry_after_s: 0 } });
  });

  it("the contract rejects a deployment missing uid, with an invented field, or a numeric readyState", () => {
    const body = readJsonExample("vercel", "deployments-page.json") as { deployments: Record<string, unknown>[] };
    const [first] = body.deployments;
    const withOne = (d: Record<string, unknown>) => ({ ...body, deployments: [d] });
    expectRejected(vercelDeploymentsPage, withOne({ ...first, uid: undefined }), '"uid"');
    expectRejected(vercelDeploymentsPage, withOne({ ...first, buildMinutes: 3 }), "buildMinutes");
    expectRejected(vercelDeploymentsPage, withOne({ ...first, readyState: 4 }), '"readyState"');
    expectRejected(vercelRateLimited, { error: { code: "rate_limited", message: "slow down" } }, '"limit"');
  });
});
