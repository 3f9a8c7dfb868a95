import { describe, expect, test } from "vitest";
import { scenarioNames } from "@/simulator/scenarios";
import { basicAuth, envValue, expectRejected, expectValid, get, injectedStatuses, readExample, withSimulator, type Answer } from "./harness";
import {
  absentMetricName,
  parseExposition,
  prometheusTextContentType,
  readConnections,
  supabaseGatewayErrorSchema,
  supabaseMetricsProblems,
  supabaseMetricsSchema,
} from "./supabase-metrics";

// The simulator's Supabase Metrics API over real HTTP, in every scenario and error mode, against
// ./supabase-metrics.ts; then the validator against an excerpt of Supabase's own list and drifted expositions.

const running = withSimulator();
const METRICS_PATH = "/customer/v1/privileged/metrics";

async function scrape(password = envValue(running(), "SUPABASE_SERVICE_ROLE_KEY"), user = "service_role"): Promise<Answer> {
  return get(`${envValue(running(), "SUPABASE_URL")}${METRICS_PATH}`, basicAuth(user, password));
}

/** An error answer: the gateway's JSON body, and nothing a scraper could mistake for metrics. */
function expectGatewayError(res: Answer, status: number): void {
  expect(res.status).toBe(status);
  expect(supabaseMetricsProblems(res.text)).not.toEqual([]);
  expectValid(supabaseGatewayErrorSchema, res.json(), `${status} body`);
}

const example = () => readExample("supabase", "metrics.prom");

describe("every scenario: the exposition carries both connection gauges", () => {
  test.each(scenarioNames)("%s", async (scenario) => {
    running().sim.applyScenario(scenario);
    const res = await scrape();
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.headers.get("content-type")).toMatch(prometheusTextContentType);
    expectValid(supabaseMetricsSchema, res.text, `${scenario} exposition`);
    const { max, backends } = readConnections(res.text);
    expect(max).toBeGreaterThan(0);
    expect(backends).toBeLessThanOrEqual(max);
  });
});

describe("every error mode is refused in the gateway's shape", () => {
  test.each(injectedStatuses)("injected %i", async (status) => {
    running().sim.setFault("supabase", { kind: "status", status });
    expectGatewayError(await scrape(), status);
  });

  test("rate_limit: 429", async () => {
    running().sim.setFault("supabase", { kind: "rate_limit" });
    expectGatewayError(await scrape(), 429);
  });

  test("a wrong service key: 401", async () => {
    expectGatewayError(await scrape("not-the-service-key"), 401);
  });

  test("the anon role instead of service_role: 401", async () => {
    expectGatewayError(await scrape(envValue(running(), "SUPABASE_ANON_KEY"), "anon"), 401);
  });
});

describe("an excerpt of supabase/supabase-grafana metrics.md satisfies the contract", () => {
  test("both gauges found, with their values, beside datname-labelled and pg_settings_* series", () => {
    expectValid(supabaseMetricsSchema, example(), "metrics.md excerpt");
    expect(readConnections(example())).toEqual({ max: 60, backends: 17 });
    expect(parseExposition(example()).samples.find((s) => s.name === "pg_database_size_bytes")?.value).toBe(9_437_184);
  });
});

describe("the contract rejects drifted expositions", () => {
  const without = (name: string) => example().split("\n").filter((l) => !l.includes(name)).join("\n");

  test("the maximum only as pg_settings_max_connections", () => {
    const legacy = `${without("max_connections_connection_count")}\n# TYPE ${absentMetricName} gauge\n${absentMetricName} 100\n`;
    expectRejected(supabaseMetricsSchema, legacy, "max_connections_connection_count: expected exactly one series, found 0");
    expectRejected(supabaseMetricsSchema, legacy, `${absentMetricName} is not a Supabase series`);
  });

  test("no max_connections_connection_count at all", () => {
    expectRejected(supabaseMetricsSchema, without("max_connections_connection_count"), "max_connections_connection_count");
  });

  test("backends per database, with datname", () => {
    const perDatabase = example().replace('server="localhost:5432"} 17', 'server="localhost:5432",datname="postgres"} 17');
    expectRejected(supabaseMetricsSchema, perDatabase, "carries a datname label");
  });

  test("two backends series", () => {
    const line = example().split("\n").find((l) => l.startsWith("pg_stat_database_num_backends{")) ?? "";
    expectRejected(supabaseMetricsSchema, `${example()}\n${line.replace("abcdefghijkl\",service", "replica-1\",service")}\n`, "found 2");
  });

  test("a series without service_type and server", () => {
    const bare = example().replace(/max_connections_connection_count\{[^}]*\}/, "max_connections_connection_count");
    expectRejected(supabaseMetricsSchema, bare, "service_type");
    expectRejected(supabaseMetricsSchema, bare, "missing label server");
  });

  test("a value that is not a number", () => {
    expectRejected(supabaseMetricsSchema, example().replace("} 60", "} sixty"), "not a Prometheus sample");
  });

  test("a JSON body where the text exposition belongs", () => {
    expectRejected(supabaseMetricsSchema, JSON.stringify({ max_connections: 60, backends: 17 }), "not a Prometheus sample");
  });
});
