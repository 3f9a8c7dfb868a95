import { describe, expect, it } from "vitest";
import { scenarioNames } from "@/simulator/scenarios";
import { bearer, expectRejected, expectValid, get, injectedStatuses, withSimulator, type Answer } from "./harness";
import {
  gatewayError,
  gotrueHealth,
  managementError,
  managementHealthList,
  postgrestError,
  postgrestRows,
  postgrestStatusFor,
} from "./supabase-api";

// The simulated Supabase project (PostgREST, GoTrue) and Management API against the contracts written from
// PostgREST's, GoTrue's and the Supabase CLI's own sources (see supabase-api.ts), over real HTTP.

const running = withSimulator();
const env = () => running().env;
const services = "auth,db,pooler,realtime,rest,storage";

const readTable = (table: string, headers: Record<string, string> = { apikey: env().SUPABASE_ANON_KEY ?? "" }) =>
  get(`${env().SUPABASE_URL}/rest/v1/${table}?select=*&limit=0`, headers);
const authHealth = (headers: Record<string, string> = { apikey: env().SUPABASE_ANON_KEY ?? "" }) => get(`${env().SUPABASE_URL}/auth/v1/health`, headers);
const serviceHealth = (query = `services=${services}`, ref = env().SUPABASE_PROJECT_REF ?? "", token = env().SUPABASE_ACCESS_TOKEN ?? "") =>
  get(`${env().SUPABASE_MANAGEMENT_API_URL}/v1/projects/${ref}/health?${query}`, bearer(token));

/** A PostgREST error body whose status is the one errors.rst assigns to its code (when it assigns one). */
function expectPostgrestError(answer: Answer, status: number, what: string) {
  expect(answer.status, what).toBe(status);
  const body = expectValid(postgrestError, answer.json(), what);
  const documented = postgrestStatusFor(body.code);
  if (documented !== null) expect(answer.status, `${what}: HTTP status for ${body.code}`).toBe(documented);
  return body;
}

function expectShape(answer: Answer, status: number, schema: typeof gatewayError | typeof managementError, what: string) {
  expect(answer.status, what).toBe(status);
  return expectValid(schema, answer.json(), what);
}

describe("Supabase: success and state-driven bodies in every scenario", () => {
  it.each(scenarioNames)("%s: table read, GoTrue health and service health satisfy their contracts", async (scenario) => {
    const { sim } = running();
    sim.applyScenario(scenario);
    const { restUp, authUp } = sim.state.supabase;

    // A table that does not exist: 404 PGRST205 while PostgREST is up.
    const missing = await readTable("lookout_probe");
    expectPostgrestError(missing, restUp ? 404 : 503, `${scenario}: missing table`);
    // The same table once it exists: an empty array.
    sim.state.supabase.tables = ["lookout_probe"];
    const present = await readTable("lookout_probe");
    if (restUp) expectValid(postgrestRows, present.json(), `${scenario}: table rows`);
    else expectPostgrestError(present, 503, `${scenario}: table read while down`);

    const auth = await authHealth();
    if (authUp) expectValid(gotrueHealth, auth.json(), `${scenario}: GoTrue health`);
    else expectShape(auth, 503, gatewayError, `${scenario}: GoTrue down`);

    const health = await serviceHealth();
    expect(health.status, `${scenario}: service health`).toBe(200);
    const list = expectValid(managementHealthList, health.json(), `${scenario}: service health`);
    expect(list.map((s) => s.name)).toEqual(services.split(","));
    for (const s of list) expect(s.healthy, `${scenario}: ${s.name} healthy matches status`).toBe(s.status === "ACTIVE_HEALTHY");
  });

  it("supabase-down: the table read is PGRST002 (schema cache unreachable), a documented 503", async () => {
    running().sim.applyScenario("supabase-down");
    expect(expectPostgrestError(await readTable("lookout_probe"), 503, "down").code).toBe("PGRST002");
  });
});

describe("Supabase: error bodies", () => {
  it.each(injectedStatuses)("injected %i: each endpoint answers in its own error shape", async (status) => {
    running().sim.setFault("supabase", { kind: "status", status });
    const rest = await readTable("lookout_probe");
    expect(rest.status).toBe(status);
    // A 502 is the gateway's (PostgREST never answers it); every other status carries the code errors.rst pairs with it.
    if (status === 502) expectValid(gatewayError, rest.json(), "REST under 502");
    else expect(postgrestStatusFor(expectValid(postgrestError, rest.json(), `REST under ${status}`).code)).toBe(status);
    expectShape(await authHealth(), status, gatewayError, `GoTrue under ${status}`);
    expectShape(await serviceHealth(), status, managementError, `service health under ${status}`);
  });

  it("rate_limit: 429 with a message body and Retry-After on all three", async () => {
    running().sim.setFault("supabase", { kind: "rate_limit", retryAfterS: 9 });
    for (const [answer, schema, what] of [
      [await readTable("lookout_probe"), gatewayError, "REST"],
      [await authHealth(), gatewayError, "GoTrue"],
      [await serviceHealth(), managementError, "service health"],
    ] as const) {
      expectShape(answer, 429, schema, `${what} rate limited`);
      expect(answer.headers.get("retry-after"), what).toBe("9");
    }
  });

  it("a wrong or missing key is refused by the gateway with {message, hint}; a wrong token by the Management API", async () => {
    const keys: Record<string, string>[] = [{ apikey: "not-the-key" }, {}];
    for (const headers of keys) {
      const refused = await readTable("lookout_probe", headers);
      expect(refused.status, "REST key").toBe(401);
      expect(expectValid(gatewayError, refused.json(), "REST key").hint).toEqual(expect.any(String));
      expectShape(await authHealth(headers), 401, gatewayError, "GoTrue key");
    }
    expectShape(await serviceHealth(`services=${services}`, env().SUPABASE_PROJECT_REF, "sbp_not_the_token"), 401, managementError, "wrong token");
  });

  it("unknown project, route and service list are answered with {message}", async () => {
    expectShape(await serviceHealth(`services=${services}`, "nosuchref"), 404, managementError, "unknown project");
    expectShape(await serviceHealth(""), 400, managementError, "no services");
    expectShape(await serviceHealth("services=auth,warp"), 400, managementError, "unknown service");
    const { env: e } = running();
    expectShape(await get(`${e.SUPABASE_MANAGEMENT_API_URL}/v1/organizations`, bearer(e.SUPABASE_ACCESS_TOKEN ?? "")), 404, managementError, "unknown route");
    expectShape(await get(`${e.SUPABASE_URL}/graphql/v1`, { apikey: e.SUPABASE_ANON_KEY ?? "" }), 404, gatewayError, "unknown project route");
  });

  it("the contracts reject a service with an invented info shape, a lowercase status, and a PostgREST error without hint", async () => {
    const [service] = (await serviceHealth()).json() as Record<string, unknown>[];
    expectRejected(managementHealthList, [{ ...service, status: "active_healthy" }], '"status"');
    expectRejected(managementHealthList, [{ ...service, name: "db", info: { healthy: true, db_connected: true, connected_cluster: 1 } }], '"info"');
    expectRejected(postgrestError, { code: "PGRST205", details: null, message: "Could not find the table" }, '"hint"');
    expectRejected(gotrueHealth, { version: "v2.189.0", name: "gotrue", description: "" }, '"name"');
  });
});
