import { afterEach, describe, expect, it } from "vitest";
import { isRestUp, runSupabaseProbe } from "@/lib/probes/supabase";
import { startFakeVendor, withContext, type FakeReply, type FakeVendor } from "@/tests/unit/probes/fake-vendor";
import { expectRejected, expectValid, readJsonExample } from "./harness";
import { gotrueHealth, managementError, managementHealthList, postgrestError, postgrestStatusFor } from "./supabase-api";

// Examples hand-written after PostgREST's, GoTrue's and the Supabase CLI's published ones, checked against the
// contracts and then read by the real Supabase probe over HTTP.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

const example = (file: string) => readJsonExample("supabase-api", file);
const table = "/rest/v1/lookout_probe";
const healthPath = "/v1/projects/abcdefghijklmnop/health";

// A healthy project unless a route is overridden: the examples below are served in place of one answer at a time.
function routes(over: Record<string, FakeReply> = {}): Record<string, FakeReply> {
  return {
    [table]: { json: [] },
    "/auth/v1/health": { json: example("auth-health.json") },
    [healthPath]: { json: (example("service-health-rest-coming-up.json") as { status: string }[]).map((s) => ({ ...s, healthy: true, status: "ACTIVE_HEALTHY" })) },
    ...over,
  };
}

const probe = (over: Record<string, FakeReply> = {}) =>
  withContext(async (ctx) => {
    vendor = await startFakeVendor(routes(over));
    const config = { url: vendor.url, anonKey: "anon-example-key", table: "lookout_probe", projectRef: "abcdefghijklmnop", accessToken: "sbp_example", managementUrl: vendor.url, serviceRoleKey: null, connectionsPctMax: 80 };
    return runSupabaseProbe(config, ctx);
  });

describe("Supabase examples", () => {
  // PostgREST errors.rst (commit 0b520351): the {code, details, hint, message} body, PGRST205 "table specified in the
  // URI is not found" -> 404, and the SQLSTATE table's 42P01 "undefined table" -> 404 (older PostgREST).
  it.each([["rest-table-not-found.json"], ["rest-undefined-table.json"]])("%s satisfies the contract and counts as REST up", async (file) => {
    const body = expectValid(postgrestError, example(file), file);
    expect(postgrestStatusFor(body.code)).toBe(404);
    expect(isRestUp({ ok: false, kind: "http", status: 404, error: "", retryAfterS: null, body })).toBe(true);
    expect(await probe({ [table]: { status: 404, json: body } })).toMatchObject({ status: "healthy", details: { rest: "up", auth: "up" } });
  });

  // errors.rst: PGRST002, 503, "Could not connect with the database when building the Schema Cache".
  it("the schema-cache 503 satisfies the contract and makes the probe unhealthy", async () => {
    const body = expectValid(postgrestError, example("rest-schema-cache-unreachable.json"), "rest-schema-cache-unreachable.json");
    expect(postgrestStatusFor(body.code)).toBe(503);
    const outcome = await probe({ [table]: { status: 503, json: body } });
    expect(outcome).toMatchObject({ status: "unhealthy", error: "Supabase REST answered HTTP 503: Could not query the database for the schema cache. Retrying. (PGRST002)" });
  });

  // supabase/auth openapi.yaml /health: the three example values (v2.40.1, GoTrue, the description).
  it("the GoTrue health example satisfies the contract and its version is recorded", async () => {
    expectValid(gotrueHealth, example("auth-health.json"), "auth-health.json");
    const outcome = await probe();
    expect(outcome).toMatchObject({ status: "healthy", details: { auth: "up", auth_version: "v2.40.1" } });
  });

  // V1ServiceHealthResponse in supabase/cli's generated openapi.json (commit 1d1e7191): the three `info` shapes and
  // the `error` string, with `rest` still COMING_UP.
  it("a service list with rest COMING_UP satisfies the contract and makes the probe degraded", async () => {
    const body = expectValid(managementHealthList, example("service-health-rest-coming-up.json"), "service-health-rest-coming-up.json");
    const outcome = await probe({ [healthPath]: { json: body } });
    expect(outcome).toMatchObject({ status: "degraded", error: "Supabase Management API reports rest COMING_UP" });
    expect(outcome.details.services).toHaveLength(6);
  });

  // The {"message": ...} body of supabase/cli's recorded Management API answers
  // (apps/cli-e2e/fixtures/recorded/DELETE_v1_projects___PROJECT_REF__/2.response.json, same commit).
  it("a Management API error satisfies the contract and is shown without alarming", async () => {
    const body = expectValid(managementError, example("management-error.json"), "management-error.json");
    const outcome = await probe({ [healthPath]: { status: 400, json: body } });
    expect(outcome).toMatchObject({ status: "healthy", details: { services: null, management_error: "Supabase Management API answered HTTP 400: Project not ready for deletion." } });
  });

  it("the contracts reject a numeric error code, an invented service name and a missing `healthy`", () => {
    expectRejected(postgrestError, { ...(example("rest-undefined-table.json") as object), code: 42 }, '"code"');
    const [auth, ...rest] = example("service-health-rest-coming-up.json") as Record<string, unknown>[];
    expectRejected(managementHealthList, [{ ...auth, name: "edge_functions" }, ...rest], '"name"');
    expectRejected(managementHealthList, [{ ...auth, healthy: undefined }], '"healthy"');
  });
});
