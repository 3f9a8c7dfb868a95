import { afterEach, describe, expect, it } from "vitest";
import { listUnhealthyServices, readProjectRef, supabaseProbe } from "@/lib/probes/supabase";
import { computeConnectionsPct, readConnectionPressure } from "@/lib/probes/supabase-metrics";
import { buildEnv, loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor } from "./fake-vendor";

describe("supabase parsing", () => {
  it("computes connection pressure from the series Supabase's exporter publishes", () => {
    expect(readConnectionPressure(loadFixture("supabase", "metrics-normal.prom"))).toEqual({ pct: 36.7, backends: 22, max: 60 });
    expect(computeConnectionsPct(loadFixture("supabase", "metrics-busy.prom"))).toBe(91.7);
  });

  it("falls back to postgres_exporter's names (per-database backends, pg_settings_max_connections)", () => {
    expect(readConnectionPressure(loadFixture("supabase", "metrics-legacy-names.prom"))).toEqual({ pct: 36.7, backends: 22, max: 60 });
  });

  it("names the series that are missing instead of guessing", () => {
    expect(readConnectionPressure(loadFixture("supabase", "metrics-unknown-series.prom"))).toEqual({
      pct: null,
      missing: ["pg_stat_database_num_backends", "max_connections_connection_count"],
    });
    const onlyBackends = 'pg_stat_database_num_backends{server="localhost:5432",service_type="postgresql"} 5\n';
    expect(readConnectionPressure(onlyBackends)).toEqual({ pct: null, missing: ["max_connections_connection_count"] });
  });

  it("reads only the Postgres service's series when the exporter labels services", () => {
    const text = [
      'pg_stat_database_num_backends{service_type="postgresql"} 30',
      'pg_stat_database_num_backends{service_type="pgbouncer"} 500',
      'max_connections_connection_count{service_type="postgresql"} 60',
      'max_connections_connection_count{service_type="pgbouncer"} 1000',
    ].join("\n");
    expect(computeConnectionsPct(text)).toBe(50);
  });

  it("names services that are not ACTIVE_HEALTHY, and treats an empty list as not registered", () => {
    expect(listUnhealthyServices(loadFixture("supabase", "management-health-healthy.json"))).toEqual([]);
    expect(listUnhealthyServices(loadFixture("supabase", "management-health-coming-up.json"))).toEqual(["rest COMING_UP"]);
    expect(listUnhealthyServices([])).toEqual(["no services registered"]);
  });

  it("reads the project ref from a hosted project URL only", () => {
    expect(readProjectRef("https://abcdefghijklmnop.supabase.co")).toBe("abcdefghijklmnop");
    expect(readProjectRef("http://127.0.0.1:4010/supabase")).toBeNull();
  });
});

describe("supabaseProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  const routes = (over: Record<string, FakeReply> = {}) => ({
    "/rest/v1/lookout_probe": { json: [] },
    "/auth/v1/health": { json: loadFixture("supabase", "auth-health.json") },
    "/v1/projects/abcdefghijklmnop/health": { json: loadFixture("supabase", "management-health-healthy.json") },
    "/customer/v1/privileged/metrics": { text: loadFixture<string>("supabase", "metrics-normal.prom") },
    ...over,
  });

  const full = () => ({
    SUPABASE_ACCESS_TOKEN: "sbp_test_access_token",
    SUPABASE_PROJECT_REF: "abcdefghijklmnop",
    SUPABASE_SERVICE_ROLE_KEY: "service-role-test-key",
    SUPABASE_MANAGEMENT_API_URL: vendor!.url,
  });

  const run = (extra: Record<string, string> = {}) =>
    withContext((ctx) => {
      const env = buildEnv({ SUPABASE_URL: vendor!.url, SUPABASE_ANON_KEY: "anon-test-key-123", ...extra });
      const config = supabaseProbe.configFromEnv(env);
      if (!config) throw new Error("expected a config");
      return supabaseProbe.run(config, ctx);
    });

  it("is unconfigured without the URL or the anon key", () => {
    expect(supabaseProbe.configFromEnv(buildEnv({ SUPABASE_ANON_KEY: "anon-test-key-123" }))).toBeNull();
    expect(supabaseProbe.configFromEnv(buildEnv({ SUPABASE_URL: "https://abcdefghijklmnop.supabase.co" }))).toBeNull();
  });

  it("is healthy with every source answering, and sends each its own credential", async () => {
    vendor = await startFakeVendor(routes());
    const outcome = await run(full());
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({
      project_ref: "abcdefghijklmnop",
      rest: "up",
      auth: "up",
      auth_version: "v2.189.0",
      connections_pct: 36.7,
      management_error: null,
      metrics_error: null,
    });
    expect(outcome.details.services).toHaveLength(6);
    const byPath = new Map(vendor.requests.map((r) => [r.path, r]));
    expect(byPath.get("/rest/v1/lookout_probe")?.query.toString()).toBe("select=*&limit=0");
    expect(byPath.get("/rest/v1/lookout_probe")?.headers.apikey).toBe("anon-test-key-123");
    expect(byPath.get("/v1/projects/abcdefghijklmnop/health")?.headers.authorization).toBe("Bearer sbp_test_access_token");
    const basic = Buffer.from("service_role:service-role-test-key").toString("base64");
    expect(byPath.get("/customer/v1/privileged/metrics")?.headers.authorization).toBe(`Basic ${basic}`);
    expect(vendor.requests.map((r) => r.path)).not.toContain("/rest/v1/");
  });

  it("counts a missing table on older PostgREST (404 42P01) as REST up", async () => {
    const body = { code: "42P01", details: null, hint: null, message: 'relation "public.lookout_probe" does not exist' };
    vendor = await startFakeVendor(routes({ "/rest/v1/lookout_probe": { status: 404, json: body } }));
    expect(await run()).toMatchObject({ status: "healthy", details: { rest: "up" } });
  });

  it("counts a missing probe table (PGRST205) as REST up, and skips optional calls without their credentials", async () => {
    vendor = await startFakeVendor(routes({ "/rest/v1/lookout_probe": { status: 404, json: loadFixture("supabase", "rest-table-not-found.json") } }));
    const outcome = await run();
    expect(outcome).toMatchObject({ status: "healthy" });
    expect(outcome.details).toMatchObject({ project_ref: null, rest: "up", services: null, connections_pct: null });
    expect(vendor.requests).toHaveLength(2);
  });

  it("is unhealthy when REST is down", async () => {
    vendor = await startFakeVendor(routes({ "/rest/v1/lookout_probe": { status: 503, json: loadFixture("supabase", "rest-schema-cache-error.json") } }));
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: "unhealthy",
      error: "Supabase REST answered HTTP 503: Could not query the database for the schema cache. Retrying. (PGRST002)",
    });
    expect(outcome.details).toMatchObject({ rest: "down", auth: "up" });
  });

  it("is unhealthy when the anon key is rejected", async () => {
    vendor = await startFakeVendor(routes({ "/rest/v1/lookout_probe": { status: 401, json: loadFixture("supabase", "rest-invalid-api-key.json") } }));
    expect(await run()).toMatchObject({ status: "unhealthy", error: "Supabase REST credentials rejected (HTTP 401): Invalid API key" });
  });

  it("is degraded when auth is down, a service is not healthy and connections run high", async () => {
    vendor = await startFakeVendor(
      routes({
        "/auth/v1/health": { status: 503, json: loadFixture("supabase", "auth-upstream-error.json") },
        "/v1/projects/abcdefghijklmnop/health": { json: loadFixture("supabase", "management-health-coming-up.json") },
        "/customer/v1/privileged/metrics": { text: loadFixture<string>("supabase", "metrics-busy.prom") },
      }),
    );
    const outcome = await run(full());
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toBe(
      "Supabase Auth answered HTTP 503: An invalid response was received from the upstream server; Supabase Management API reports rest COMING_UP; Supabase connections at 91.7% of max_connections (threshold 80%)",
    );
    expect(outcome.details).toMatchObject({ auth: "down", auth_version: null, connections_pct: 91.7 });
  });

  it("never fails over optional sources: a rejected token or odd metrics leave figures empty", async () => {
    vendor = await startFakeVendor(
      routes({
        "/v1/projects/abcdefghijklmnop/health": { status: 401, json: { message: "Unauthorized" } },
        "/customer/v1/privileged/metrics": { text: loadFixture<string>("supabase", "metrics-unknown-series.prom") },
      }),
    );
    const outcome = await run(full());
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({
      services: null,
      connections_pct: null,
      management_error: "Supabase Management API credentials rejected (HTTP 401): Unauthorized",
      metrics_error:
        "Supabase metrics do not include pg_stat_database_num_backends or max_connections_connection_count; connections % not measured",
    });
  });

  it("is degraded when the Management API lists no services", async () => {
    vendor = await startFakeVendor(routes({ "/v1/projects/abcdefghijklmnop/health": { json: [] } }));
    const outcome = await run(full());
    expect(outcome).toMatchObject({ status: "degraded", error: "Supabase Management API reports no services registered" });
  });
});
