import { describe, expect, it } from "vitest";
import { scenarioNames } from "@/simulator/scenarios";
import { bearer, expectRejected, expectValid, get, injectedStatuses, withSimulator, type Answer } from "./harness";
import { vercelDeploymentsPage, vercelError, vercelRateLimited } from "./vercel";

// The simulated Vercel deployments list against the contract written from @vercel/sdk and Vercel's errors page
// (see vercel.ts), over real HTTP, in every scenario and every error mode the simulator can produce.

const running = withSimulator();
const DAY = 86_400_000;

function listUrl(params: Record<string, string>): string {
  const { env } = running();
  const query = new URLSearchParams({ projectId: env.VERCEL_PROJECT_ID ?? "", teamId: env.VERCEL_TEAM_ID ?? "", ...params });
  return `${env.VERCEL_API_URL}/v6/deployments?${query.toString()}`;
}

const list = (params: Record<string, string>, headers = bearer(running().env.VERCEL_TOKEN ?? "")) => get(listUrl(params), headers);

/** Follows `until=<pagination.next>` to the last page, checking every page on the way. */
async function walkPages(params: Record<string, string>, what: string): Promise<number> {
  let until: number | null = null;
  let seen = 0;
  for (let page = 1; page <= 50; page += 1) {
    const answer = await list(until === null ? params : { ...params, until: String(until) });
    expect(answer.status, `${what} page ${page}`).toBe(200);
    const body = expectValid(vercelDeploymentsPage, answer.json(), `${what} page ${page}`);
    expect(body.pagination.count, `${what} page ${page}: count`).toBe(body.deployments.length);
    seen += body.deployments.length;
    if (body.pagination.next === null) return seen;
    until = body.pagination.next;
  }
  return expect.fail(`${what}: pagination never ended`);
}

function expectVercelError(answer: Answer, status: number, code: string, what: string) {
  expect(answer.status, what).toBe(status);
  const body = expectValid(vercelError, answer.json(), what);
  expect(body.error.code, what).toBe(code);
}

describe("Vercel deployments: success bodies in every scenario", () => {
  it.each(scenarioNames)("%s: every page of the probe's walk and of a small-page walk satisfies the contract", async (scenario) => {
    running().sim.applyScenario(scenario);
    const since = String(Date.now() - DAY);
    expect(await walkPages({ limit: "100", since }, `${scenario} (probe walk)`)).toBeGreaterThan(0);
    // Small pages reach the older deployments and exercise non-null `next` cursors.
    expect(await walkPages({ limit: "7" }, `${scenario} (limit 7)`)).toBe(running().sim.state.vercel.deployments.length);
  });

  it("vercel-errors-rise: failed deployments carry a documented readyState and an errorCode", async () => {
    running().sim.applyScenario("vercel-errors-rise");
    const body = expectValid(vercelDeploymentsPage, (await list({ limit: "100", state: "ERROR" })).json(), "ERROR filter");
    expect(body.deployments.length).toBeGreaterThan(0);
    for (const d of body.deployments) expect(d).toMatchObject({ readyState: "ERROR", errorCode: expect.any(String) });
  });
});

describe("Vercel deployments: error bodies", () => {
  it.each(injectedStatuses)("injected %i: Vercel's error envelope with internal_server_error", async (status) => {
    running().sim.setFault("vercel", { kind: "status", status });
    expectVercelError(await list({ limit: "100" }), status, "internal_server_error", `injected ${status}`);
  });

  it("rate_limit: 429 with the documented limit object and a Retry-After", async () => {
    running().sim.setFault("vercel", { kind: "rate_limit", retryAfterS: 12 });
    const answer = await list({ limit: "100" });
    expect(answer.status).toBe(429);
    const body = expectValid(vercelRateLimited, answer.json(), "rate limited");
    expect(answer.headers.get("retry-after")).toBe("12");
    expect(body.error.limit.remaining).toBe(0);
    expect(body.error.limit.resetMs).toBeGreaterThan(Date.now());
    expect(body.error.limit.reset).toBe(Math.ceil(body.error.limit.resetMs / 1000));
  });

  it("a wrong token, a missing token and another team's id are refused with 403 forbidden", async () => {
    const wrong = await list({ limit: "5" }, bearer("not-the-token"));
    expectVercelError(wrong, 403, "forbidden", "wrong token");
    expect(expectValid(vercelError, wrong.json(), "wrong token").error.invalidToken).toBe(true);
    expectVercelError(await list({ limit: "5" }, {}), 403, "forbidden", "no token");
    expectVercelError(await list({ limit: "5", teamId: "team_someone_else" }), 403, "forbidden", "other team");
  });

  it("an unknown route is not_found and an out-of-range limit is bad_request", async () => {
    const { env } = running();
    expectVercelError(await get(`${env.VERCEL_API_URL}/v9/nothing-here`, bearer(env.VERCEL_TOKEN ?? "")), 404, "not_found", "unknown route");
    expectVercelError(await list({ limit: "500" }), 400, "bad_request", "limit 500");
  });

  it("the contract rejects a simulator deployment without uid, with an invented field or an unknown state", async () => {
    const page = (await list({ limit: "1" })).json() as { pagination: unknown; deployments: Record<string, unknown>[] };
    const [deployment] = page.deployments;
    expectValid(vercelDeploymentsPage, page, "one-deployment page");
    expectRejected(vercelDeploymentsPage, { ...page, deployments: [{ ...deployment, uid: undefined }] }, '"uid"');
    expectRejected(vercelDeploymentsPage, { ...page, deployments: [{ ...deployment, buildMinutes: 3 }] }, "buildMinutes");
    expectRejected(vercelDeploymentsPage, { ...page, deployments: [{ ...deployment, readyState: "FAILED" }] }, '"readyState"');
    expectRejected(vercelError, { error: { code: "forbidden", message: "Not authorized", missingToken: true } }, "missingToken");
  });
});
