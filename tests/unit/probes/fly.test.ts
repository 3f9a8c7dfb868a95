import { afterEach, describe, expect, it } from "vitest";
import { classifyFlyMachines, flyMachinesSchema, flyProbe, listMachineProblems, type FlyMachine } from "@/lib/probes/fly";
import { buildEnv, fixtureNow, loadFixture, startFakeVendor, withContext, type FakeVendor } from "./fake-vendor";

const machines = (file: string): FlyMachine[] => flyMachinesSchema.parse(loadFixture("fly", file));

describe("classifyFlyMachines", () => {
  it("counts live machines and ignores destroyed ones", () => {
    expect(classifyFlyMachines(machines("machines-healthy.json"), fixtureNow)).toEqual({
      machines_total: 3,
      machines_started: 2,
      machines_unhealthy: 0,
      unhealthy: [],
    });
  });

  it("names failed, wedged, critical-check and unreachable-host machines with their reasons", () => {
    const result = classifyFlyMachines(machines("machines-unhealthy.json"), fixtureNow);
    expect(result).toMatchObject({ machines_total: 6, machines_started: 3, machines_unhealthy: 4 });
    expect(result.unhealthy).toEqual([
      { id: "6e82d4e7a14d87", name: "broken-fog-3310", region: "ams", state: "failed", reasons: ["state failed"] },
      { id: "2874dd5c9e6408", name: "stuck-wave-5521", region: "ams", state: "stopping", reasons: ["wedged in stopping for 12 min"] },
      { id: "d8d9e5c1234567", name: "sick-hill-1203", region: "ams", state: "started", reasons: ["check servicecheck-00-http-8080 critical"] },
      { id: "5683d4e4a77e48", name: "lost-peak-6620", region: "ams", state: "started", reasons: ["host unreachable"] },
    ]);
  });

  it("judges wedged states by Fly's own limits: 5 min for starting, 10 min for updating", () => {
    const at = (state: string, minutesAgo: number): FlyMachine => ({
      id: "m",
      state,
      updated_at: new Date(fixtureNow.getTime() - minutesAgo * 60_000).toISOString(),
    });
    expect(listMachineProblems(at("starting", 4), fixtureNow)).toEqual([]);
    expect(listMachineProblems(at("starting", 6), fixtureNow)).toEqual(["wedged in starting for 6 min"]);
    expect(listMachineProblems(at("updating", 9), fixtureNow)).toEqual([]);
    expect(listMachineProblems(at("updating", 11), fixtureNow)).toEqual(["wedged in updating for 11 min"]);
    expect(listMachineProblems(at("launch_failed", 0), fixtureNow)).toEqual(["state launch_failed"]);
  });
});

describe("bg_deployments_compat checks", () => {
  const withChecks = (checks: { name: string; status: string }[]): FlyMachine => ({ id: "m", state: "started", checks });

  it("reports a failing service check once, not again through its synthetic compat mirror", () => {
    const machine = withChecks([
      { name: "servicecheck-00-http-8080", status: "critical" },
      { name: "bg_deployments_compat-00-http-8080", status: "critical" },
    ]);
    expect(listMachineProblems(machine, fixtureNow)).toEqual(["check servicecheck-00-http-8080 critical"]);
  });

  it("does not call a machine unhealthy for a critical compat check alone", () => {
    const machine = withChecks([
      { name: "servicecheck-00-http-8080", status: "passing" },
      { name: "bg_deployments_compat-00-http-8080", status: "critical" },
    ]);
    expect(classifyFlyMachines([machine], fixtureNow)).toMatchObject({ machines_unhealthy: 0, unhealthy: [] });
  });
});

describe("flyProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  const run = (apps: string) =>
    withContext((ctx) => {
      const config = flyProbe.configFromEnv(buildEnv({ FLY_API_TOKEN: "fo1_test_token", FLY_APPS: apps, FLY_API_URL: vendor!.url }));
      if (!config) throw new Error("expected a config");
      return flyProbe.run(config, ctx);
    });

  it("is unconfigured without a token or without apps", () => {
    expect(flyProbe.configFromEnv(buildEnv({ FLY_APPS: "runtime" }))).toBeNull();
    expect(flyProbe.configFromEnv(buildEnv({ FLY_API_TOKEN: "fo1_test_token" }))).toBeNull();
  });

  it("is healthy when every app answers with healthy machines, and sends the bearer token", async () => {
    vendor = await startFakeVendor({
      "/v1/apps/runtime/machines": { json: loadFixture("fly", "machines-healthy.json") },
      "/v1/apps/staging/machines": { json: [] },
    });
    const outcome = await run("runtime, staging");
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ apps_total: 2, apps_reachable: 2, machines_total: 3, machines_started: 2, machines_unhealthy: 0 });
    expect(vendor.requests.map((r) => r.headers.authorization)).toEqual(["Bearer fo1_test_token", "Bearer fo1_test_token"]);
  });

  it("is degraded with unhealthy machines listed per app", async () => {
    vendor = await startFakeVendor({ "/v1/apps/runtime/machines": { json: loadFixture("fly", "machines-unhealthy.json") } });
    const outcome = await run("runtime");
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toBe(
      "4 Fly machines unhealthy: runtime/6e82d4e7a14d87 (state failed); runtime/2874dd5c9e6408 (wedged in stopping for 12 min); runtime/d8d9e5c1234567 (check servicecheck-00-http-8080 critical); and 1 more",
    );
    const apps = outcome.details.apps as Array<{ unhealthy: unknown[] }>;
    expect(apps[0]?.unhealthy).toHaveLength(4);
  });

  it("is degraded when one app is unreachable and another answers", async () => {
    vendor = await startFakeVendor({
      "/v1/apps/runtime/machines": { json: loadFixture("fly", "machines-healthy.json") },
      "/v1/apps/staging/machines": { status: 404, json: loadFixture("fly", "error-app-not-found.json") },
    });
    const outcome = await run("runtime,staging");
    expect(outcome).toMatchObject({ status: "degraded", error: "Fly app staging unreachable: Fly API answered HTTP 404: app not found" });
    expect(outcome.details).toMatchObject({ apps_total: 2, apps_reachable: 1 });
  });

  it("is unhealthy when no app is reachable", async () => {
    vendor = await startFakeVendor({}, { status: 401, json: loadFixture("fly", "error-unauthorized.json") });
    const outcome = await run("runtime,staging");
    expect(outcome.status).toBe("unhealthy");
    expect(outcome.error).toBe(
      "No Fly app reachable: runtime: Fly API credentials rejected (HTTP 401): unauthorized; staging: Fly API credentials rejected (HTTP 401): unauthorized",
    );
  });

  it("says Fly is busy, not unreachable, when it rate-limits every app", async () => {
    vendor = await startFakeVendor({}, { status: 429, headers: { "retry-after": "30" }, json: { error: "rate limit exceeded" } });
    const outcome = await run("runtime,staging");
    expect(outcome.status).toBe("degraded");
    expect(outcome.error).toMatch(/^Fly API rate-limited every app: runtime: Fly API rate limited \(retry after \d+ s\); staging: Fly API rate limited/);
  });

  it("says which app was rate-limited when another answered", async () => {
    vendor = await startFakeVendor({
      "/v1/apps/runtime/machines": { json: loadFixture("fly", "machines-healthy.json") },
      "/v1/apps/staging/machines": { status: 429, headers: { "retry-after": "30" }, json: { error: "rate limit exceeded" } },
    });
    const outcome = await run("runtime,staging");
    expect(outcome).toMatchObject({ status: "degraded", error: expect.stringMatching(/^Fly app staging rate-limited: Fly API rate limited/) });
  });

  it("calls a non-array body malformed", async () => {
    vendor = await startFakeVendor({ "/v1/apps/runtime/machines": { json: { machines: [] } } });
    const outcome = await run("runtime");
    expect(outcome).toMatchObject({ status: "unhealthy", error: "Fly API returned a malformed body (expected array, received object)" });
  });
});
