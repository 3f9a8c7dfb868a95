import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { reportFindingsInput } from "@/lib/investigate/findings";
import { probes } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import { simVendors } from "@/simulator/faults";
import { scriptFindings } from "@/simulator/anthropic-script";
import { leakCanaries } from "@/simulator/leak";
import { simulatorCredentials, simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";
import { databaseEnv } from "../helpers/lookout-env";

// Leak mode itself: off unless asked for, and when on, every vendor's answer (success, vendor error,
// injected fault) carries the credentials, while each answer still means what it meant.

let sim: Simulator;
let env: Record<string, string>;
const c = simulatorCredentials;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  env = simulatorEnv(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const anthropicHeaders = (key: string) => ({ "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" });
const messageBody = JSON.stringify({ model: "claude-sonnet-5-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });

interface Call {
  name: string;
  own: string;
  request: () => Promise<Response>;
}

// One success and one vendor error per vendor module, each authorised the way Lookout calls it.
const calls = (): Call[] => [
  { name: "supabase auth health", own: c.supabaseAnonKey, request: () => fetch(`${env.SUPABASE_URL}/auth/v1/health`, { headers: { apikey: c.supabaseAnonKey } }) },
  { name: "supabase missing table", own: c.supabaseAnonKey, request: () => fetch(`${env.SUPABASE_URL}/rest/v1/nope?select=*&limit=0`, { headers: { apikey: c.supabaseAnonKey } }) },
  {
    name: "supabase metrics",
    own: c.supabaseAnonKey,
    request: () => fetch(`${env.SUPABASE_URL}/customer/v1/privileged/metrics`, { headers: { authorization: `Basic ${Buffer.from(`service_role:${c.supabaseServiceRoleKey}`).toString("base64")}` } }),
  },
  { name: "supabase services", own: c.supabaseAccessToken, request: () => fetch(`${env.SUPABASE_MANAGEMENT_API_URL}/v1/projects/simref/health?services=auth,db`, { headers: bearer(c.supabaseAccessToken) }) },
  { name: "supabase management 401", own: c.supabaseAccessToken, request: () => fetch(`${env.SUPABASE_MANAGEMENT_API_URL}/v1/projects/simref/health?services=db`, { headers: bearer("wrong") }) },
  { name: "fly machines", own: c.flyApiToken, request: () => fetch(`${env.FLY_API_URL}/v1/apps/lookout-runtime/machines`, { headers: bearer(c.flyApiToken) }) },
  { name: "fly unknown app", own: c.flyApiToken, request: () => fetch(`${env.FLY_API_URL}/v1/apps/nope/machines`, { headers: bearer(c.flyApiToken) }) },
  { name: "vercel deployments", own: c.vercelToken, request: () => fetch(`${env.VERCEL_API_URL}/v6/deployments?limit=5`, { headers: bearer(c.vercelToken) }) },
  { name: "vercel bad token", own: c.vercelToken, request: () => fetch(`${env.VERCEL_API_URL}/v6/deployments`, { headers: bearer("wrong") }) },
  { name: "sentry issues", own: c.sentryAuthToken, request: () => fetch(`${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/?limit=5`, { headers: bearer(c.sentryAuthToken) }) },
  { name: "sentry unknown org", own: c.sentryAuthToken, request: () => fetch(`${env.SENTRY_API_URL}/api/0/organizations/nope/issues/`, { headers: bearer(c.sentryAuthToken) }) },
  { name: "doppler me", own: c.dopplerToken, request: () => fetch(`${env.DOPPLER_API_URL}/v3/me`, { headers: bearer(c.dopplerToken) }) },
  { name: "doppler bad token", own: c.dopplerToken, request: () => fetch(`${env.DOPPLER_API_URL}/v3/me`, { headers: bearer("wrong") }) },
  { name: "slack auth.test", own: c.slackBotToken, request: () => fetch(`${env.SLACK_API_URL}/auth.test`, { method: "POST", headers: bearer(c.slackBotToken) }) },
  { name: "slack channel_not_found", own: c.slackBotToken, request: () => fetch(`${env.SLACK_API_URL}/chat.postMessage`, { method: "POST", headers: bearer(c.slackBotToken), body: "channel=C0NOPE&text=hi" }) },
  { name: "anthropic message", own: c.anthropicApiKey, request: () => fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, { method: "POST", headers: anthropicHeaders(c.anthropicApiKey), body: messageBody }) },
  { name: "anthropic bad key", own: c.anthropicApiKey, request: () => fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, { method: "POST", headers: anthropicHeaders("wrong"), body: messageBody }) },
];

async function read(response: Response): Promise<{ status: number; body: string; headers: string }> {
  return { status: response.status, body: await response.text(), headers: JSON.stringify([...response.headers]) };
}

const secrets = [...Object.values(c), ...leakCanaries.map((x) => x.needle)];

describe("leak mode", () => {
  it("is off by default: no answer carries a credential or a canary", async () => {
    expect(sim.state.leak).toBe(false);
    expect(await (await fetch(`${sim.url}/_control/leak`)).json()).toEqual({ leak: false });
    for (const call of calls()) {
      const { body, headers } = await read(await call.request());
      for (const secret of secrets) expect(`${body}${headers}`.includes(secret), `${call.name} carries ${secret.slice(0, 8)}…`).toBe(false);
    }
  });

  it("puts the vendor's own credential in the body and every credential and canary in the headers, success or error", async () => {
    const on = await fetch(`${sim.url}/_control/leak`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ on: true }) });
    expect(await on.json()).toEqual({ ok: true, leak: true });
    const statuses: number[] = [];
    for (const call of calls()) {
      const { status, body, headers } = await read(await call.request());
      statuses.push(status);
      expect(body, call.name).toContain(call.own);
      for (const secret of secrets) expect(headers, `${call.name} headers`).toContain(secret);
    }
    // Both paths were exercised: the list holds successes and every kind of vendor refusal.
    expect(new Set(statuses)).toEqual(new Set([200, 401, 403, 404]));
  });

  it("also leaks through injected faults, and the answers keep their meaning: a healthy world still probes healthy", async () => {
    sim.setLeak(true);
    for (const vendor of simVendors) sim.setFault(vendor, { kind: "status", status: 503, times: 1 });
    let faulted = 0;
    for (const call of calls()) {
      const { status, body, headers } = await read(await call.request());
      if (status === 503) faulted++;
      expect(`${body}${headers}`, call.name).toContain(call.own);
    }
    expect(faulted).toBe(simVendors.length);
    const lookoutEnv = parseEnv({ ...databaseEnv(), ...env });
    const snapshots = await Promise.all(probes.map((p) => runProbe(p, lookoutEnv, { timeoutMs: 2_000, pageCap: 10 })));
    expect(snapshots.map((s) => [s.probe, s.status, s.error])).toEqual(probes.map((p) => [p.name, "healthy", null]));
  });

  it("echoes secrets in the model's text and tool input without breaking the tool call", async () => {
    sim.setLeak(true);
    sim.state.anthropic.script = [{ content: [{ type: "tool_use", name: "restart_unhealthy_machine", input: { app: "lookout-runtime", machine_id: "m1", reason: "check critical" } }] }];
    const response = await fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, { method: "POST", headers: anthropicHeaders(c.anthropicApiKey), body: messageBody });
    const { content } = (await response.json()) as { content: { type: string; input: Record<string, string> }[] };
    expect(content[0]?.input).toMatchObject({ app: "lookout-runtime", machine_id: "m1", reason: expect.stringContaining(c.anthropicApiKey) });
  });

  it("echoes secrets in every field of the findings, and the report still fits its schema", async () => {
    sim.setLeak(true);
    sim.state.anthropic.script = scriptFindings({ what_is_wrong: "Machine m1 failed.", likely_cause: "A crash.", next_steps: ["Read its logs."], confidence: "medium" });
    const response = await fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages`, { method: "POST", headers: anthropicHeaders(c.anthropicApiKey), body: messageBody });
    const { content } = (await response.json()) as { content: { type: string; input: Record<string, unknown> }[] };
    const input = content[0]?.input ?? {};
    expect(input).toMatchObject({ what_is_wrong: expect.stringContaining(c.slackBotToken), likely_cause: expect.stringContaining(c.anthropicApiKey), next_steps: [expect.stringContaining(c.anthropicApiKey)], confidence: "medium" });
    expect(reportFindingsInput.safeParse(input).success).toBe(true);
  });

  it("is off again after a reset", async () => {
    sim.setLeak(true);
    sim.reset();
    expect(sim.state.leak).toBe(false);
    const { body, headers } = await read(await calls()[0]!.request());
    expect(`${body}${headers}`).not.toContain(c.supabaseAnonKey);
    const bad = await fetch(`${sim.url}/_control/leak`, { method: "POST", body: JSON.stringify({ on: "yes" }) });
    expect(bad.status).toBe(400);
  });
});
