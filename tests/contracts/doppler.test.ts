import { describe, expect, test } from "vitest";
import { z } from "zod";
import { scenarioNames } from "@/simulator/scenarios";
import {
  dopplerConfigLogListItemSchema,
  dopplerConfigLogResponseSchema,
  dopplerConfigLogsListSchema,
  dopplerDefaultPerPage,
  dopplerErrorSchema,
  dopplerMeSchema,
  dopplerSecretNamesSchema,
} from "./doppler";
import { bearer, envValue, expectRejected, expectValid, get, injectedStatuses, readJsonExample, withSimulator, type Answer } from "./harness";

// The simulator's Doppler endpoints over real HTTP, in every scenario and error mode, against ./doppler.ts; then
// the contract against examples shaped after Doppler's SDK and CLI models, and against drifted bodies.

const running = withSimulator();

async function call(path: string, params: Record<string, string> = {}, token = envValue(running(), "DOPPLER_TOKEN")): Promise<Answer> {
  const url = new URL(`${envValue(running(), "DOPPLER_API_URL")}${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return get(url, bearer(token));
}

async function ok(path: string, params: Record<string, string> = {}): Promise<unknown> {
  const res = await call(path, params);
  expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
  return res.json();
}

/** Only the keys that address a single log, so the list's own shape (tested separately) cannot mask this. */
const logRefs = z.object({ logs: z.array(z.looseObject({ id: z.string(), project: z.string(), config: z.string() })) });

/** The first list page; project, config and log ids come from it, so no test reads simulator state. */
async function firstLogsPage() {
  return expectValid(dopplerConfigLogsListSchema, await ok("/v3/configs/config/logs", { page: "1", per_page: String(dopplerDefaultPerPage) }), "logs page 1");
}

// One test per endpoint, so a drifted list item does not hide what the single-log endpoint does.
describe.each(scenarioNames)("scenario %s", (scenario) => {
  test("/v3/me", async () => {
    running().sim.applyScenario(scenario);
    expectValid(dopplerMeSchema, await ok("/v3/me"), "/v3/me");
  });

  test("secret names", async () => {
    running().sim.applyScenario(scenario);
    expectValid(dopplerSecretNamesSchema, await ok("/v3/configs/config/secrets/names"), "secret names");
  });

  test("config logs list, pages 1 and 2: items without diff", async () => {
    running().sim.applyScenario(scenario);
    const page = await firstLogsPage();
    expect(page.page).toBe(1);
    expect(page.logs.length).toBeGreaterThan(0);
    expect(page.logs.length).toBeLessThanOrEqual(dopplerDefaultPerPage);
    const second = expectValid(dopplerConfigLogsListSchema, await ok("/v3/configs/config/logs", { page: "2", per_page: "2" }), "logs page 2");
    expect(second.page).toBe(2);
  });

  test("each log of the first page through the single-log endpoint, with its diff", async () => {
    running().sim.applyScenario(scenario);
    const page = expectValid(logRefs, await ok("/v3/configs/config/logs", { page: "1", per_page: String(dopplerDefaultPerPage) }), "logs page 1");
    expect(page.logs.length).toBeGreaterThan(0);
    for (const item of page.logs) {
      const one = await ok("/v3/configs/config/logs/log", { project: item.project, config: item.config, log: item.id });
      const { log } = expectValid(dopplerConfigLogResponseSchema, one, `log ${item.id}`);
      expect(log.id).toBe(item.id);
    }
  });
});

describe("every error mode answers {messages, success: false}", () => {
  const endpoints = ["/v3/me", "/v3/configs/config/secrets/names", "/v3/configs/config/logs", "/v3/configs/config/logs/log"];

  test.each(injectedStatuses.flatMap((status) => endpoints.map((path) => [status, path] as const)))("injected %i on %s", async (status, path) => {
    running().sim.setFault("doppler", { kind: "status", status });
    const res = await call(path, { log: "any" });
    expect(res.status).toBe(status);
    expectValid(dopplerErrorSchema, res.json(), `${status} body`);
  });

  test.each(endpoints)("rate_limit on %s: 429", async (path) => {
    running().sim.setFault("doppler", { kind: "rate_limit" });
    const res = await call(path, { log: "any" });
    expect(res.status).toBe(429);
    expectValid(dopplerErrorSchema, res.json(), "429 body");
  });

  test.each(endpoints)("a wrong token on %s: 401", async (path) => {
    const res = await call(path, { log: "any" }, "dp.st.prd.not-the-right-token");
    expect(res.status).toBe(401);
    expectValid(dopplerErrorSchema, res.json(), "401 body");
  });

  // No source pins the status (a service token is bound to one config); any 4xx refusal in the error shape will do.
  test.each(endpoints.slice(1))("a wrong project and config on %s: a 4xx refusal", async (path) => {
    const res = await call(path, { project: "no-such-project", config: "no-such-config", log: "any" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectValid(dopplerErrorSchema, res.json(), `${res.status} body`);
  });
});

describe("examples after Doppler's published models satisfy the contract", () => {
  test("/v3/me after node-sdk src/services/auth/models/MeResponse.ts", () => {
    expect(expectValid(dopplerMeSchema, readJsonExample("doppler", "me.json"), "me").type).toBe("service_token");
  });

  test("secret names after node-sdk src/services/secrets/models/NamesResponse.ts", () => {
    expect(expectValid(dopplerSecretNamesSchema, readJsonExample("doppler", "secret-names.json"), "names").names).toContain("DATABASE_URL");
  });

  test("logs list after node-sdk ConfigLogsListResponse.ts and python-sdk ConfigLogsListResponse.py", () => {
    const list = expectValid(dopplerConfigLogsListSchema, readJsonExample("doppler", "config-logs-list.json"), "list");
    expect(list.logs.map((l) => l.id)).toEqual(["Ul8KeqJzKK3n7OadwqX5RZW2", "Qm3LwtPzAA1b9KedrsY2TXQ8"]);
  });

  test("one log after node-sdk ConfigLogsGetResponse.ts with the CLI's LogDiff (pkg/models/api.go)", () => {
    const { log } = expectValid(dopplerConfigLogResponseSchema, readJsonExample("doppler", "config-log.json"), "log");
    expect(log.diff.map((d) => d.name)).toEqual(["STRIPE_SECRET_KEY"]);
  });

  test("error after the CLI's errorResponse (pkg/http/http.go)", () => {
    expect(expectValid(dopplerErrorSchema, readJsonExample("doppler", "error-unauthorized.json"), "error").messages).toHaveLength(1);
  });
});

describe("the contract rejects drifted bodies", () => {
  const listItem = () => (readJsonExample("doppler", "config-logs-list.json") as { logs: Record<string, unknown>[] }).logs[0] ?? {};
  const oneLog = () => (readJsonExample("doppler", "config-log.json") as { log: Record<string, unknown> }).log;

  test("a list item carrying diff (only the single-log endpoint has one)", () => {
    const drifted = { ...listItem(), diff: [{ name: "STRIPE_SECRET_KEY", added: "v2", removed: "v1" }] };
    expectRejected(dopplerConfigLogListItemSchema, drifted, "diff");
    expectRejected(dopplerConfigLogsListSchema, { page: 1, logs: [drifted] }, "diff");
  });

  test("a single log without diff", () => {
    const rest = Object.fromEntries(Object.entries(oneLog()).filter(([key]) => key !== "diff"));
    expectRejected(dopplerConfigLogResponseSchema, { log: rest, success: true }, "diff");
  });

  test("a diff entry without a name", () => {
    expectRejected(dopplerConfigLogResponseSchema, { log: { ...oneLog(), diff: [{ added: "v2" }] }, success: true }, "name");
  });

  test("an error as {message} instead of {messages: [...]}", () => {
    expectRejected(dopplerErrorSchema, { message: "Invalid Auth token", success: false }, "messages");
  });

  test("/v3/me with the Python SDK's attribute name type_ instead of the wire key type", () => {
    const { type, ...rest } = readJsonExample("doppler", "me.json") as Record<string, unknown>;
    expectRejected(dopplerMeSchema, { ...rest, type_: type }, "type");
  });
});
