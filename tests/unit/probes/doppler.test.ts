import { afterEach, describe, expect, it } from "vitest";
import { dopplerProbe, isOperatorSecret, summariseSecretAges } from "@/lib/probes/doppler";
import { createVolatileMemory, type ProbeMemory } from "@/lib/probes/memory";
import { buildEnv, fixtureNow, loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor, type SeenRequest } from "./fake-vendor";

// Doppler's log LIST has no `diff` (DopplerHQ/node-sdk ConfigLogsListResponse); the single log
// (ConfigLogsGetResponse) names the changed secrets, next to values Lookout must never keep.

const day = 86_400_000;
const iso = (daysAgo: number) => new Date(fixtureNow.getTime() - daysAgo * day).toISOString();
const singleLogPath = "/v3/configs/config/logs/log";

/** A vendor whose list and single logs are generated: `history` newest first, each log naming `names`. */
function logRoutes(history: { id: string; daysAgo: number; names: string[] }[], failing = new Set<string>()) {
  const list = (req: SeenRequest): FakeReply => {
    const page = Number(req.query.get("page"));
    const perPage = Number(req.query.get("per_page"));
    const logs = history.slice((page - 1) * perPage, page * perPage).map((h) => ({ id: h.id, text: "changed", created_at: iso(h.daysAgo), config: "prd", project: "lookout" }));
    return { json: { page, logs, success: true } };
  };
  const single = (req: SeenRequest): FakeReply => {
    const log = history.find((h) => h.id === req.query.get("log"));
    if (!log) return { status: 404, json: { messages: ["Could not find requested log"], success: false } };
    if (failing.has(log.id)) return { status: 500, json: { messages: ["Internal error"], success: false } };
    const diff = log.names.map((name) => ({ name, added: `value-of-${name}-new`, removed: `value-of-${name}-old` }));
    return { json: { log: { id: log.id, text: "changed", created_at: iso(log.daysAgo), diff }, success: true } };
  };
  return { "/v3/configs/config/logs": list, [singleLogPath]: single };
}

describe("summariseSecretAges", () => {
  it("names the dated secret whose latest change is oldest and counts the undated ones", () => {
    const changed = new Map([
      ["A", fixtureNow.getTime() - 10 * day],
      ["B", fixtureNow.getTime() - 40 * day],
    ]);
    expect(summariseSecretAges(["A", "B", "C"], changed, fixtureNow)).toEqual({
      secrets_dated: 2,
      secrets_undated: 1,
      oldest_secret_age_days: 40,
      oldest_secret_name: "B",
    });
    expect(summariseSecretAges(["C"], changed, fixtureNow)).toMatchObject({ oldest_secret_age_days: null, oldest_secret_name: null, secrets_undated: 1 });
  });
});

describe("dopplerProbe", () => {
  let vendor: FakeVendor | undefined;
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });

  const recorded = (over: Record<string, FakeReply | ((req: SeenRequest) => FakeReply)> = {}) => ({
    "/v3/me": { json: loadFixture("doppler", "me.json") },
    "/v3/configs/config/secrets/names": { json: loadFixture("doppler", "secret-names.json") },
    "/v3/configs/config/logs": { json: loadFixture("doppler", "config-logs-list.json") },
    [singleLogPath]: (req: SeenRequest): FakeReply => ({ json: loadFixture("doppler", `config-log-${req.query.get("log")}.json`) }),
    ...over,
  });

  const run = (extra: Record<string, string> = {}, opts: { memory?: ProbeMemory; pageCap?: number } = {}) =>
    withContext((ctx) => {
      const config = dopplerProbe.configFromEnv(buildEnv({ DOPPLER_TOKEN: "dp.st.prd.testtoken123", DOPPLER_API_URL: vendor!.url, ...extra }));
      if (!config) throw new Error("expected a config");
      return dopplerProbe.run(config, ctx);
    }, opts);

  const singleLogIds = () => vendor!.requests.filter((r) => r.path === singleLogPath).map((r) => r.query.get("log"));

  it("is unconfigured without a token", () => {
    expect(dopplerProbe.configFromEnv(buildEnv({}))).toBeNull();
  });

  it("dates each secret by the latest single log naming it, and never keeps a secret value", async () => {
    vendor = await startFakeVendor(recorded());
    const outcome = await run({ DOPPLER_PROJECT: "lookout", DOPPLER_CONFIG: "prd" });
    expect(outcome).toMatchObject({ status: "degraded", error: "Doppler secret SENTRY_DSN is 260 days old (threshold 180)" });
    expect(outcome.details).toEqual({
      workplace: "Acme",
      token_type: "service_token",
      secrets_tracked: 3,
      secrets_dated: 3,
      secrets_undated: 0,
      oldest_secret_age_days: 260,
      oldest_secret_name: "SENTRY_DSN",
      age_status: "known",
      age_note: null,
      logs_read: 3,
      logs_fetched: 3,
    });
    const paths = vendor.requests.map((r) => r.path);
    expect(paths).not.toContain("/v3/configs/config/secrets");
    const listQuery = vendor.requests.find((r) => r.path === "/v3/configs/config/logs")?.query;
    expect(Object.fromEntries(listQuery ?? [])).toEqual({ project: "lookout", config: "prd", page: "1", per_page: "20" });
    const logQuery = vendor.requests.find((r) => r.path === singleLogPath)?.query;
    expect(Object.fromEntries(logQuery ?? [])).toEqual({ project: "lookout", config: "prd", log: "log_9f2a1" });
    const stored = JSON.stringify(outcome);
    for (const leaked of ["sk_live", "n3wPass", "oldPass", "abc123@"]) expect(stored).not.toContain(leaked);
  });

  it("is healthy when every secret changed last week, however old the config is, and names the right oldest secret", async () => {
    vendor = await startFakeVendor({
      ...recorded(),
      ...logRoutes([
        { id: "l-2", daysAgo: 2, names: ["STRIPE_SECRET_KEY"] },
        { id: "l-3", daysAgo: 3, names: ["STRIPE_SECRET_KEY"] },
        { id: "l-5", daysAgo: 5, names: ["DATABASE_URL"] },
        { id: "l-6", daysAgo: 6.5, names: ["SENTRY_DSN", "DATABASE_URL"] },
        { id: "l-7", daysAgo: 7, names: ["SENTRY_DSN"] },
        { id: "l-400", daysAgo: 400, names: ["DATABASE_URL", "SENTRY_DSN", "STRIPE_SECRET_KEY"] },
      ]),
    });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ oldest_secret_name: "SENTRY_DSN", oldest_secret_age_days: 6.5, secrets_undated: 0, age_status: "known" });
    // Every secret was dated within the first batch of reads, so older logs are never fetched.
    expect(singleLogIds()).toEqual(["l-2", "l-3", "l-5", "l-6"]);
  });

  it("never alarms on a secret no log names: it is counted as undated, not as old as the config", async () => {
    vendor = await startFakeVendor(recorded({ "/v3/configs/config/secrets/names": { json: loadFixture("doppler", "secret-names-with-unlogged.json") } }));
    const outcome = await run({ LOOKOUT_DOPPLER_SECRET_AGE_DAYS_MAX: "365" });
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({
      oldest_secret_name: "SENTRY_DSN",
      secrets_undated: 1,
      age_status: "partial",
      age_note: "1 secret not named in any config log (inherited, or older than the logs): not dated",
    });
  });

  it("reads at most its budget of single logs, reports the rest as not yet dated, and continues next cycle from memory", async () => {
    const noise = Array.from({ length: 25 }, (_, i) => ({ id: `noise-${i}`, daysAgo: 1 + i, names: ["DELETED_SECRET"] }));
    vendor = await startFakeVendor({ ...recorded(), ...logRoutes([...noise, { id: "first", daysAgo: 300, names: ["DATABASE_URL", "SENTRY_DSN", "STRIPE_SECRET_KEY"] }]) });
    const memory = createVolatileMemory();

    const first = await run({ LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE: "20" }, { memory });
    expect(first).toMatchObject({ status: "healthy", error: null });
    expect(first.details).toMatchObject({
      secrets_dated: 0,
      secrets_undated: 3,
      oldest_secret_age_days: null,
      age_status: "unknown",
      logs_fetched: 20,
      age_note: "3 secrets not yet dated (20 log reads a cycle; the next cycle reads further)",
    });
    expect(singleLogIds()).toEqual(noise.slice(0, 20).map((n) => n.id));

    vendor.requests.length = 0;
    const second = await run({ LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE: "20" }, { memory });
    expect(second).toMatchObject({ status: "degraded", error: "Doppler secret DATABASE_URL is 300 days old (threshold 180)" });
    expect(second.details).toMatchObject({ secrets_undated: 0, logs_read: 26, logs_fetched: 6 });
    // Log entries never change: nothing learned in the first cycle is asked for again.
    expect(singleLogIds()).toEqual([...noise.slice(20).map((n) => n.id), "first"]);
  });

  it("stops at a log it cannot read: an older log could be outdated by it, so those secrets stay undated", async () => {
    const history = [
      { id: "new", daysAgo: 1, names: ["STRIPE_SECRET_KEY"] },
      { id: "broken", daysAgo: 2, names: ["DATABASE_URL"] },
      { id: "old", daysAgo: 250, names: ["DATABASE_URL", "SENTRY_DSN"] },
    ];
    vendor = await startFakeVendor({ ...recorded(), ...logRoutes(history, new Set(["broken"])) });
    const outcome = await run();
    // DATABASE_URL changed in "broken" (2 days ago), not 250 days ago: reading past the gap would have raised a false alarm.
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({
      oldest_secret_name: "STRIPE_SECRET_KEY",
      secrets_undated: 2,
      age_status: "partial",
      age_note: "2 secrets not yet dated (a config log could not be read: Doppler API answered HTTP 500: Internal error; the next cycle reads further)",
    });
  });

  it("leaves the age unknown, not failed, when the logs are forbidden", async () => {
    vendor = await startFakeVendor(recorded({ "/v3/configs/config/logs": { status: 403, json: loadFixture("doppler", "error-forbidden.json") } }));
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
    vendor = await startFakeVendor(recorded({ "/v3/configs/config/secrets/names": { status: 404, json: { messages: ["Could not find requested config"], success: false } } }));
    const outcome = await run();
    expect(outcome.details).toMatchObject({ secrets_tracked: null, age_status: "unknown" });
    expect(outcome.status).toBe("healthy");
  });

  it("is unhealthy when /v3/me refuses the token", async () => {
    vendor = await startFakeVendor(recorded({ "/v3/me": { status: 401, json: loadFixture("doppler", "error-unauthorized.json") } }));
    expect(await run()).toMatchObject({ status: "unhealthy", details: {}, error: "Doppler API credentials rejected (HTTP 401): Invalid Service token" });
  });

  it("reads more list pages while they come back full, up to the page cap", async () => {
    const history = Array.from({ length: 70 }, (_, i) => ({ id: `n-${i}`, daysAgo: i / 10, names: ["UNRELATED"] }));
    vendor = await startFakeVendor({ ...recorded(), ...logRoutes(history) });
    const outcome = await run({ LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE: "240" }, { pageCap: 2 });
    expect(vendor.requests.filter((r) => r.path === "/v3/configs/config/logs").map((r) => r.query.get("page"))).toEqual(["1", "2"]);
    expect(outcome.details).toMatchObject({ logs_read: 40, secrets_undated: 3, age_note: "3 secrets not yet dated (page cap of 2 reached; the next cycle reads further)" });
  });

  it("uses a diff the list still carries inline (older answers), reading names only", async () => {
    const list = {
      page: 1,
      logs: [{ id: "inline", text: "t", created_at: iso(3), diff: [{ name: "DATABASE_URL", added: "postgres://u:inlineSecret@h/db" }, { name: "SENTRY_DSN" }, { name: "STRIPE_SECRET_KEY" }] }],
    };
    vendor = await startFakeVendor(recorded({ "/v3/configs/config/logs": { json: list } }));
    const outcome = await run();
    expect(outcome.details).toMatchObject({ oldest_secret_age_days: 3, secrets_undated: 0 });
    expect(singleLogIds()).toEqual([]);
    expect(JSON.stringify(outcome)).not.toContain("inlineSecret");
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
