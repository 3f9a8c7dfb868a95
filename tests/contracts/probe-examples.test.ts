import { afterEach, describe, expect, it } from "vitest";
import { dopplerProbe } from "@/lib/probes/doppler";
import { sentryProbe } from "@/lib/probes/sentry";
import { readConnectionPressure } from "@/lib/probes/supabase-metrics";
import type { ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";
import { buildEnv, startFakeVendor, withContext, type FakeReply, type FakeVendor, type SeenRequest } from "@/tests/unit/probes/fake-vendor";
import { dopplerConfigLogResponseSchema, dopplerConfigLogsListSchema } from "./doppler";
import { expectValid, readExample, readJsonExample } from "./harness";
import { sentryIssueListSchema } from "./sentry";
import { supabaseMetricsSchema } from "./supabase-metrics";

// The examples written after Sentry's, Doppler's and Supabase's own published ones (their sources are named
// where sentry.test.ts, doppler.test.ts and supabase-metrics.test.ts load them), fed to the real probes over
// HTTP: the probes must read the vendors' shapes into the right status and figures, not only our simulator's.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

type Route = FakeReply | ((req: SeenRequest) => FakeReply);

/** Runs a probe once against a loopback vendor answering `routes`; `{url}` in env values becomes its base URL. */
async function runWith<C>(probe: ProbeDefinition<C>, routes: Record<string, Route>, env: Record<string, string>): Promise<ProbeOutcome> {
  vendor = await startFakeVendor(routes);
  const config = probe.configFromEnv(buildEnv(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace("{url}", vendor!.url)]))));
  if (!config) throw new Error("expected a config");
  return withContext((ctx) => probe.run(config, ctx));
}

describe("Sentry's published examples through the probe", () => {
  const issues = () => expectValid(sentryIssueListSchema, readJsonExample("sentry", "issues-list.json"), "issues example");
  const lastPage = readExample("sentry", "link-header.txt").trim().replace('results="true"', 'results="false"');
  const env = { SENTRY_AUTH_TOKEN: "sntrys_example", SENTRY_ORG: "the-interstellar-jurisdiction", SENTRY_API_URL: "{url}" };
  const route = "/api/0/organizations/the-interstellar-jurisdiction/issues/";

  it("counts the example's issues, reads the string count as a number and ranks the top one", async () => {
    const outcome = await runWith(sentryProbe, { [route]: { json: issues(), headers: { link: lastPage } } }, env);
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ unresolved_count: 2, pages: 1, truncated: false });
    expect((outcome.details.top as { count: number; short_id: string }[])[0]).toMatchObject({ short_id: "PUMP-STATION-1", count: 150 });
  });

  it("follows the example Link header's next cursor, and alarms past the threshold", async () => {
    const link = readExample("sentry", "link-header.txt").trim();
    const pages = (req: SeenRequest): FakeReply =>
      req.query.get("cursor") === "0:100:0" ? { json: [], headers: { link: lastPage } } : { json: issues(), headers: { link } };
    const outcome = await runWith(sentryProbe, { [route]: pages }, { ...env, LOOKOUT_SENTRY_UNRESOLVED_MAX: "1" });
    expect(vendor!.requests.map((r) => r.query.get("cursor"))).toEqual([null, "0:100:0"]);
    expect(outcome).toMatchObject({ status: "degraded", error: "2 unresolved Sentry issues seen in the last 24 h (threshold 1)" });
  });

  it("reads the example 429 as rate limited (degraded), not as a failure", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    const outcome = await runWith(sentryProbe, { [route]: { status: 429, json: readJsonExample("sentry", "error-rate-limited.json"), headers: { "x-sentry-rate-limit-reset": reset } } }, env);
    expect(outcome).toMatchObject({ status: "degraded", details: { rate_limited: true } });
  });
});

describe("Doppler's published examples through the probe", () => {
  // The second entry of the list example gets its single log written in the same published shape.
  const added = {
    log: {
      ...(expectValid(dopplerConfigLogsListSchema, readJsonExample("doppler", "config-logs-list.json"), "list").logs[1] as object),
      diff: [
        { name: "DATABASE_URL", added: "postgres://example" },
        { name: "STRIPE_SECRET_KEY", added: "example-first-value" },
      ],
    },
    success: true,
  };
  const routes = {
    "/v3/me": { json: readJsonExample("doppler", "me.json") },
    "/v3/configs/config/secrets/names": { json: readJsonExample("doppler", "secret-names.json") },
    "/v3/configs/config/logs": { json: readJsonExample("doppler", "config-logs-list.json") },
    "/v3/configs/config/logs/log": (req: SeenRequest): FakeReply => {
      const body = req.query.get("log") === "Ul8KeqJzKK3n7OadwqX5RZW2" ? readJsonExample("doppler", "config-log.json") : added;
      return { json: expectValid(dopplerConfigLogResponseSchema, body, "single log") };
    },
  };

  it("dates each secret from the single logs, leaves out Doppler's own names, and alarms on the really old one", async () => {
    const outcome = await runWith(dopplerProbe, routes, { DOPPLER_TOKEN: "dp.st.prd.example", DOPPLER_API_URL: "{url}" });
    expect(outcome).toMatchObject({ status: "degraded", error: "Doppler secret DATABASE_URL is 207.1 days old (threshold 180)" });
    expect(outcome.details).toMatchObject({ workplace: "Acme", secrets_tracked: 2, secrets_undated: 0, oldest_secret_name: "DATABASE_URL" });
    // STRIPE_SECRET_KEY was also in the older log, but its latest change is the newer one.
    expect(JSON.stringify(outcome)).not.toMatch(/example-(new|old|first)-value|postgres:\/\/example/);
  });
});

describe("Supabase's published metrics through the probe's reader", () => {
  it("reads connections as backends over max_connections from the exporter's own series", () => {
    const text = readExample("supabase", "metrics.prom");
    expectValid(supabaseMetricsSchema, text, "metrics example");
    expect(readConnectionPressure(text)).toEqual({ pct: 28.3, backends: 17, max: 60 });
  });
});
