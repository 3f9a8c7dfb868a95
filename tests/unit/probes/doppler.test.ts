import { afterEach, describe, expect, it } from "vitest";
import { dopplerProbe, isOperatorSecret, oldestSecretAge, parseDopplerLogs, type DopplerLog } from "@/lib/probes/doppler";
import { buildEnv, fixtureNow, loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor } from "./fake-vendor";

const logs = (): DopplerLog[] => parseDopplerLogs(loadFixture("doppler", "config-logs.json")) ?? [];
const names = (file: string) => loadFixture<{ names: string[] }>("doppler", file).names;

describe("oldestSecretAge", () => {
  it("dates each secret by the latest log that changed it", () => {
    expect(oldestSecretAge(names("secret-names.json"), logs(), fixtureNow)).toEqual({
      oldest_secret_age_days: 260,
      oldest_secret_name: "SENTRY_DSN",
      age_lower_bound: false,
    });
  });

  it("bounds a secret missing from the logs by the oldest log seen", () => {
    expect(oldestSecretAge(names("secret-names-with-unlogged.json"), logs(), fixtureNow)).toEqual({
      oldest_secret_age_days: 260,
      oldest_secret_name: "OLD_WEBHOOK_SECRET",
      age_lower_bound: true,
    });
  });

  it("cannot date anything without logs, and has nothing to date without secrets", () => {
    expect(oldestSecretAge(["A"], [], fixtureNow)).toBeNull();
    expect(oldestSecretAge([], logs(), fixtureNow)).toEqual({ oldest_secret_age_days: null, oldest_secret_name: null, age_lower_bound: false });
  });
});

describe("dopplerProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  const routes = (over: Record<string, FakeReply> = {}) => ({
    "/v3/me": { json: loadFixture("doppler", "me.json") },
    "/v3/configs/config/secrets/names": { json: loadFixture("doppler", "secret-names.json") },
    "/v3/configs/config/logs": { json: loadFixture("doppler", "config-logs.json") },
    ...over,
  });

  const run = (extra: Record<string, string> = {}) =>
    withContext((ctx) => {
      const config = dopplerProbe.configFromEnv(buildEnv({ DOPPLER_TOKEN: "dp.st.prd.testtoken123", DOPPLER_API_URL: vendor!.url, ...extra }));
      if (!config) throw new Error("expected a config");
      return dopplerProbe.run(config, ctx);
    });

  it("is unconfigured without a token", () => {
    expect(dopplerProbe.configFromEnv(buildEnv({}))).toBeNull();
  });

  it("is degraded when the oldest secret passes the age threshold, and never reads secret values", async () => {
    vendor = await startFakeVendor(routes());
    const outcome = await run({ DOPPLER_PROJECT: "lookout", DOPPLER_CONFIG: "prd" });
    expect(outcome).toMatchObject({ status: "degraded", error: "Doppler secret SENTRY_DSN is 260 days old (threshold 180)" });
    expect(outcome.details).toEqual({
      workplace: "Acme",
      token_type: "service_token",
      secrets_tracked: 3,
      oldest_secret_age_days: 260,
      oldest_secret_name: "SENTRY_DSN",
      age_status: "known",
      age_lower_bound: false,
      age_note: null,
    });
    const paths = vendor.requests.map((r) => r.path);
    expect(paths).not.toContain("/v3/configs/config/secrets");
    const logsQuery = vendor.requests.find((r) => r.path === "/v3/configs/config/logs")?.query;
    expect(Object.fromEntries(logsQuery ?? [])).toEqual({ project: "lookout", config: "prd", page: "1", per_page: "100" });
    const stored = JSON.stringify(outcome);
    for (const leaked of ["dp.st.prd...x1Yz", "sk_live", "n3wPass", "abc123@"]) expect(stored).not.toContain(leaked);
  });

  it("is healthy under a higher threshold and flags a lower-bound age", async () => {
    vendor = await startFakeVendor(routes({ "/v3/configs/config/secrets/names": { json: loadFixture("doppler", "secret-names-with-unlogged.json") } }));
    const outcome = await run({ LOOKOUT_DOPPLER_SECRET_AGE_DAYS_MAX: "365" });
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ oldest_secret_name: "OLD_WEBHOOK_SECRET", age_lower_bound: true, age_status: "known" });
  });

  it("leaves the age unknown, not failed, when the logs are forbidden", async () => {
    vendor = await startFakeVendor(routes({ "/v3/configs/config/logs": { status: 403, json: loadFixture("doppler", "error-forbidden.json") } }));
    const outcome = await run();
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({
      secrets_tracked: 3,
      oldest_secret_age_days: null,
      age_status: "unknown",
      age_note: "Config logs unreadable: Doppler API credentials rejected (HTTP 403): This token does not have access to requested resource",
    });
  });

  it("leaves the age unknown when the names are unreadable", async () => {
    vendor = await startFakeVendor(routes({ "/v3/configs/config/secrets/names": { status: 404, json: { messages: ["Could not find requested config"], success: false } } }));
    const outcome = await run();
    expect(outcome.details).toMatchObject({ secrets_tracked: null, age_status: "unknown" });
    expect(outcome.status).toBe("healthy");
  });

  it("is unhealthy when /v3/me refuses the token", async () => {
    vendor = await startFakeVendor(routes({ "/v3/me": { status: 401, json: loadFixture("doppler", "error-unauthorized.json") } }));
    expect(await run()).toMatchObject({ status: "unhealthy", details: {}, error: "Doppler API credentials rejected (HTTP 401): Invalid Service token" });
  });

  it("reads more log pages while they come back full, up to the page cap", async () => {
    const full = { page: 1, logs: Array.from({ length: 100 }, () => ({ id: "l", text: "t", created_at: "2026-11-01T00:00:00.000Z", diff: [] })) };
    vendor = await startFakeVendor(routes({ "/v3/configs/config/logs": { json: full } }));
    await withContext(
      (ctx) => {
        const config = dopplerProbe.configFromEnv(buildEnv({ DOPPLER_TOKEN: "dp.st.prd.testtoken123", DOPPLER_API_URL: vendor!.url }));
        return dopplerProbe.run(config!, ctx);
      },
      { pageCap: 3 },
    );
    expect(vendor.requests.filter((r) => r.path === "/v3/configs/config/logs").map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
  });
});

describe("isOperatorSecret", () => {
  it("leaves out the names Doppler injects itself", () => {
    expect(["DATABASE_URL", "DOPPLER_CONFIG", "DOPPLER_PROJECT", "DOPPLER_ENVIRONMENT", "STRIPE_KEY"].filter(isOperatorSecret)).toEqual([
      "DATABASE_URL",
      "STRIPE_KEY",
    ]);
  });
});
