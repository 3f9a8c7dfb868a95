import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scenarioNames } from "@/simulator/scenarios";
import { simulatorCredentials, simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";

// Fault injection, scenarios and the /_control endpoint, exercised over plain HTTP.

let sim: Simulator;
let env: Record<string, string>;
const creds = simulatorCredentials;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  env = simulatorEnv(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const vercelList = () => fetch(`${env.VERCEL_API_URL}/v6/deployments?limit=5`, { headers: { authorization: `Bearer ${creds.vercelToken}` } });
const sentryList = () => fetch(`${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/?limit=5`, { headers: { authorization: `Bearer ${creds.sentryAuthToken}` } });
const flyList = () => fetch(`${env.FLY_API_URL}/v1/apps/lookout-runtime/machines`, { headers: { authorization: `Bearer ${creds.flyApiToken}` } });
const dopplerMe = () => fetch(`${env.DOPPLER_API_URL}/v3/me`, { headers: { authorization: `Bearer ${creds.dopplerToken}` } });
const supabaseRest = () => fetch(`${env.SUPABASE_URL}/rest/v1/lookout_probe?select=*&limit=0`, { headers: { apikey: creds.supabaseAnonKey } });

function control(path: string, body?: unknown) {
  return fetch(`${sim.url}/_control/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
}

describe("faults", () => {
  it("latency: as a fault and as a plain per-vendor delay, answers stay normal", async () => {
    sim.setFault("vercel", { kind: "latency", ms: 150 });
    let started = Date.now();
    expect((await vercelList()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.setFault("vercel", null);
    sim.setLatency("fly", 120);
    started = Date.now();
    expect((await flyList()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("hang: never answers until the client gives up", async () => {
    sim.setFault("doppler", { kind: "hang" });
    await expect(fetch(`${env.DOPPLER_API_URL}/v3/me`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it("status: the vendor's own error body, and `times` clears the fault", async () => {
    sim.setFault("vercel", { kind: "status", status: 503, times: 1 });
    const failed = await vercelList();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { code: expect.any(String), message: "Service Unavailable" } });
    expect((await vercelList()).status).toBe(200);
    sim.setFault("doppler", { kind: "status", status: 500 });
    const doppler = await dopplerMe();
    expect(doppler.status).toBe(500);
    expect(await doppler.json()).toEqual({ messages: ["Internal Server Error"], success: false });
  });

  it("rate_limit: each vendor's real signal", async () => {
    const now = Date.now() / 1000;
    for (const vendor of ["supabase", "fly", "vercel", "sentry", "doppler"] as const) sim.setFault(vendor, { kind: "rate_limit", retryAfterS: 30 });

    const vercel = await vercelList();
    expect(vercel.status).toBe(429);
    expect(vercel.headers.get("retry-after")).toBe("30");
    const body = await vercel.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.limit.reset).toBeGreaterThanOrEqual(Math.floor(now + 29));

    const sentry = await sentryList();
    expect(sentry.status).toBe(429);
    expect(sentry.headers.get("retry-after")).toBeNull();
    expect(Number(sentry.headers.get("x-sentry-rate-limit-reset"))).toBeGreaterThanOrEqual(Math.floor(now + 29));
    expect(sentry.headers.get("x-sentry-rate-limit-remaining")).toBe("0");
    expect(JSON.parse(await sentry.text())).toEqual({ detail: expect.stringMatching(/^You are attempting to use this endpoint too frequently\. Limit is \d+ requests in \d+ seconds$/) });

    for (const res of [await flyList(), await dopplerMe()]) {
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("30");
    }
    expect((await supabaseRest()).status).toBe(429);
  });

  it("malformed: 200 with a JSON content type and an unparseable body", async () => {
    sim.setFault("fly", { kind: "malformed" });
    const res = await flyList();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("reset: the socket closes without a response", async () => {
    sim.setFault("sentry", { kind: "reset", times: 1 });
    await expect(sentryList()).rejects.toThrow();
    expect((await sentryList()).status).toBe(200);
  });

  it("close() ends hanging connections promptly", async () => {
    const own = await startSimulator({ port: 0 });
    own.setFault("fly", { kind: "hang" });
    const pending = fetch(`${own.url}/fly/v1/apps/lookout-runtime/machines`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("scenarios", () => {
  it("each one applies and changes what the vendors answer", async () => {
    for (const name of scenarioNames) {
      sim.reset();
      expect(() => sim.applyScenario(name)).not.toThrow();
    }
    sim.reset();
    sim.applyScenario("vercel-errors-rise");
    const lastDay = sim.state.vercel.deployments.filter((d) => d.created >= Date.now() - 86_400_000);
    expect(lastDay.filter((d) => d.state === "ERROR" && d.errorCode && d.errorMessage).length / lastDay.length).toBeGreaterThanOrEqual(0.25);

    sim.applyScenario("supabase-down");
    expect((await supabaseRest()).status).toBe(503);
    sim.applyScenario("fly-app-down");
    expect((await flyList()).status).toBeGreaterThanOrEqual(500);
    sim.applyScenario("all-healthy");
    expect((await supabaseRest()).status).toBe(404);
    expect((await flyList()).status).toBe(200);
  });
});

describe("/_control", () => {
  it("scripts state, faults and latency, and validates input", async () => {
    expect((await control("scenario", { name: "supabase-down" })).status).toBe(200);
    expect(sim.state.supabase.restUp).toBe(false);
    const bad = await control("scenario", { name: "nope" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/all-healthy/);

    expect((await control("fault", { vendor: "vercel", fault: { kind: "status", status: 502 } })).status).toBe(200);
    expect((await vercelList()).status).toBe(502);
    expect((await control("fault", { vendor: "vercel", fault: null })).status).toBe(200);
    expect((await control("fault", { vendor: "vercel", fault: { kind: "status", status: 418 } })).status).toBe(400);
    expect((await control("fault", { vendor: "nope", fault: null })).status).toBe(400);
    expect((await control("latency", { vendor: "sentry", ms: 5 })).status).toBe(200);
    expect(sim.state.latencyMs.sentry).toBe(5);

    const merged = await control("state", { supabase: { connections: { active: 92, max: 100 } } });
    expect((await merged.json()).supabase).toMatchObject({ connections: { active: 92 }, restUp: false });
    expect((await control("state", { nope: {} })).status).toBe(400);
    const notJson = await fetch(`${sim.url}/_control/state`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);

    expect((await (await control("requests")).json()).some((r: { path: string }) => r.path.startsWith("/vercel/"))).toBe(true);
    expect((await control("reset", {})).status).toBe(200);
    expect(sim.state.supabase.restUp).toBe(true);
    expect(await (await control("requests")).json()).toEqual([]);
    expect((await control("state")).status).toBe(200);
    expect((await control("nope")).status).toBe(404);
  });

  it("answers an unknown prefix with a clear 404, and Slack without a token as Slack does", async () => {
    const unknown = await fetch(`${sim.url}/nope/x`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toMatch(/known prefixes/);
    expect(await (await fetch(`${sim.url}/slack/api/chat.postMessage`, { method: "POST" })).json()).toEqual({ ok: false, error: "not_authed" });
  });
});
