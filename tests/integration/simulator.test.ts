import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { simulatorCredentials, simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";

// The simulator's vendor surfaces: auth refusals in each vendor's shape, healthy answers, paging, restart.

let sim: Simulator;
let env: Record<string, string>;
const creds = simulatorCredentials;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  env = simulatorEnv(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
  return { status: res.status, headers: res.headers, body };
}

describe("auth is refused in each vendor's own shape", () => {
  it("Supabase PostgREST, Management API and metrics", async () => {
    const missing = await get(`${env.SUPABASE_URL}/rest/v1/lookout_probe?select=*&limit=0`);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ message: "No API key found in request" });
    expect((await get(`${env.SUPABASE_URL}/rest/v1/lookout_probe`, { apikey: "wrong" })).body).toMatchObject({ message: "Invalid API key" });
    const mgmt = await get(`${env.SUPABASE_MANAGEMENT_API_URL}/v1/projects/simref/health?services=db`, bearer("sbp_nope"));
    expect(mgmt).toMatchObject({ status: 401, body: { message: "Unauthorized" } });
    const basic = `Basic ${Buffer.from("service_role:wrong").toString("base64")}`;
    expect((await get(`${env.SUPABASE_URL}/customer/v1/privileged/metrics`, { authorization: basic })).status).toBe(401);
  });

  it("Fly, Vercel, Sentry and Doppler", async () => {
    const fly = await get(`${env.FLY_API_URL}/v1/apps/lookout-runtime/machines`);
    expect(fly.status).toBe(401);
    expect(fly.body).toEqual({ error: expect.any(String) });
    expect(fly.headers.get("fly-request-id")).toBeTruthy();

    const vercel = await get(`${env.VERCEL_API_URL}/v6/deployments`, bearer("nope"));
    expect(vercel.status).toBe(403);
    expect(vercel.body).toMatchObject({ error: { code: "forbidden", message: "Not authorized" } });

    const sentry = await get(`${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/`);
    expect(sentry).toMatchObject({ status: 401, body: { detail: expect.any(String) } });
    expect(sentry.headers.get("x-sentry-rate-limit-limit")).toBeTruthy();

    const doppler = await get(`${env.DOPPLER_API_URL}/v3/me`, bearer("dp.st.nope"));
    expect(doppler).toMatchObject({ status: 401, body: { messages: [expect.any(String)], success: false } });
    expect(doppler.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("healthy answers", () => {
  it("Supabase: missing probe table is PGRST205, present is [], auth, health and metrics", async () => {
    const anon = { apikey: creds.supabaseAnonKey };
    expect(await get(`${env.SUPABASE_URL}/rest/v1/lookout_probe?select=*&limit=0`, anon)).toMatchObject({ status: 404, body: { code: "PGRST205" } });
    sim.state.supabase.tables.push("lookout_probe");
    expect(await get(`${env.SUPABASE_URL}/rest/v1/lookout_probe?select=*&limit=0`, anon)).toMatchObject({ status: 200, body: [] });
    expect(await get(`${env.SUPABASE_URL}/auth/v1/health`, anon)).toMatchObject({ status: 200, body: { name: "GoTrue" } });

    const health = await get(`${env.SUPABASE_MANAGEMENT_API_URL}/v1/projects/simref/health?services=auth,db,rest`, bearer(creds.supabaseAccessToken));
    expect(health.body).toEqual([
      expect.objectContaining({ name: "auth", healthy: true, status: "ACTIVE_HEALTHY" }),
      expect.objectContaining({ name: "db", healthy: true }),
      expect.objectContaining({ name: "rest", healthy: true }),
    ]);
    const basic = `Basic ${Buffer.from(`service_role:${creds.supabaseServiceRoleKey}`).toString("base64")}`;
    const metrics = await get(`${env.SUPABASE_URL}/customer/v1/privileged/metrics`, { authorization: basic });
    expect(metrics.body).toMatch(/^pg_stat_database_num_backends\{[^}]*service_type="postgresql"[^}]*\} 20$/m);
    expect(metrics.body).toMatch(/^max_connections_connection_count\{[^}]*service_type="postgresql"[^}]*\} 100$/m);
    expect(metrics.body).not.toMatch(/pg_settings_max_connections|datname/);
  });

  it("Fly: machines as a bare array with Bearer or FlyV1, and the app", async () => {
    const machines = await get(`${env.FLY_API_URL}/v1/apps/lookout-runtime/machines`, bearer(creds.flyApiToken));
    expect(machines.status).toBe(200);
    expect(machines.body).toHaveLength(2);
    expect(machines.body[0]).toMatchObject({ state: "started", host_status: "ok", checks: [{ name: "servicecheck-00-http-8080", status: "passing" }, { name: "bg_deployments_compat-00-http-8080", status: "passing" }], image_ref: { registry: "registry.fly.io" } });
    const staging = await get(`${env.FLY_API_URL}/v1/apps/lookout-staging/machines`, { authorization: `FlyV1 ${creds.flyApiToken}` });
    expect(staging.body).toHaveLength(1);
    const app = await get(`${env.FLY_API_URL}/v1/apps/lookout-runtime`, bearer(creds.flyApiToken));
    expect(app.body).toMatchObject({ name: "lookout-runtime", status: "deployed", organization: { slug: "lookout-sim" } });
    expect((await get(`${env.FLY_API_URL}/v1/apps/nope/machines`, bearer(creds.flyApiToken))).status).toBe(404);
  });

  it("Doppler: me, names only, a log list without diffs, and single logs dating the oldest secret ~30 days back", async () => {
    const auth = bearer(creds.dopplerToken);
    expect((await get(`${env.DOPPLER_API_URL}/v3/me`, auth)).body).toMatchObject({ workplace: { name: "Lookout Sim" } });
    const names = await get(`${env.DOPPLER_API_URL}/v3/configs/config/secrets/names`, auth);
    expect(names.body.names).toContain("DATABASE_URL");
    const logs = await get(`${env.DOPPLER_API_URL}/v3/configs/config/logs?page=1&per_page=100`, auth);
    expect(logs.body.logs.length).toBeGreaterThan(1);
    for (const log of logs.body.logs) expect(log).not.toHaveProperty("diff");
    const latest = new Map<string, number>();
    for (const { id } of logs.body.logs) {
      const { body } = await get(`${env.DOPPLER_API_URL}/v3/configs/config/logs/log?log=${id}`, auth);
      expect(body).toMatchObject({ success: true, log: { id } });
      for (const d of body.log.diff) latest.set(d.name, Math.max(latest.get(d.name) ?? 0, Date.parse(body.log.created_at)));
    }
    expect(await get(`${env.DOPPLER_API_URL}/v3/configs/config/logs/log?log=nope`, auth)).toMatchObject({ status: 404, body: { success: false } });
    const oldestDays = (Date.now() - Math.min(...latest.values())) / 86_400_000;
    expect(oldestDays).toBeGreaterThan(29);
    expect(oldestDays).toBeLessThan(31);
    sim.state.doppler.logsForbidden = true;
    expect((await get(`${env.DOPPLER_API_URL}/v3/configs/config/logs`, auth)).status).toBe(403);
  });
});

describe("paging", () => {
  it("Vercel: follows until=pagination.next across pages, newest first, ending with next=null", async () => {
    const since = Date.now() - 86_400_000;
    const seen: { uid: string; created: number }[] = [];
    let until: number | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: "7", projectId: env.VERCEL_PROJECT_ID!, teamId: env.VERCEL_TEAM_ID!, since: String(since) });
      if (until !== null) query.set("until", String(until));
      const page = await get(`${env.VERCEL_API_URL}/v6/deployments?${query}`, bearer(creds.vercelToken));
      expect(page.status).toBe(200);
      seen.push(...page.body.deployments);
      until = page.body.pagination.next;
      pages++;
    } while (until !== null && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((d) => d.uid)).size).toBe(30);
    expect(seen.every((d, i) => i === 0 || d.created < seen[i - 1]!.created)).toBe(true);
    expect((await get(`${env.VERCEL_API_URL}/v6/deployments?limit=101`, bearer(creds.vercelToken))).status).toBe(400);
  });

  it("Sentry: Link header cursors with results flags, count as a string", async () => {
    sim.applyScenario("sentry-pileup");
    const url = `${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/?query=is:unresolved&statsPeriod=24h&limit=25`;
    const first = await get(url, bearer(creds.sentryAuthToken));
    expect(first.body).toHaveLength(25);
    expect(typeof first.body[0].count).toBe("string");
    const link = first.headers.get("link")!;
    expect(link).toMatch(/rel="previous"; results="false"; cursor="0:0:1"/);
    expect(link).toMatch(/rel="next"; results="true"; cursor="0:25:0"/);
    const nextUrl = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await get(nextUrl, bearer(creds.sentryAuthToken));
    expect(second.body).toHaveLength(15);
    expect(second.headers.get("link")).toMatch(/rel="next"; results="false"/);
    expect(second.headers.get("link")).toMatch(/rel="previous"; results="true"; cursor="0:0:1"/);

    const whole = await get(url.replace("limit=25", "limit=100"), bearer(creds.sentryAuthToken));
    expect(whole.body).toHaveLength(40);
    expect(whole.headers.get("link")).toMatch(/rel="next"; results="false"/);
  });

  it("Sentry: ids in project, slugs in projectSlug, as OrganizationEndpoint.get_projects reads them", async () => {
    const base = `${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/?query=is:unresolved&statsPeriod=24h`;
    const list = async (query: string) => get(`${base}&${query}`, bearer(creds.sentryAuthToken));
    const [web, runtime] = sim.state.sentry.projects;
    const projectsOf = (body: { project: { slug: string } }[]) => [...new Set(body.map((i) => i.project.slug))].sort();

    expect(projectsOf((await list(`project=${web!.id}`)).body)).toEqual([web!.slug]);
    expect(projectsOf((await list(`projectSlug=${runtime!.slug}`)).body)).toEqual([runtime!.slug]);
    expect(projectsOf((await list("project=-1")).body)).toEqual([web!.slug, runtime!.slug].sort());
    // Both given: Sentry filters by the slugs and then refuses ids that are not those same projects.
    expect(await list(`project=${web!.id}&projectSlug=${runtime!.slug}`)).toMatchObject({ status: 403 });
    expect(projectsOf((await list(`project=${runtime!.id}&projectSlug=${runtime!.slug}`)).body)).toEqual([runtime!.slug]);
    expect(await list("project=web-app")).toMatchObject({ status: 400, body: { detail: "Invalid project parameter. Values must be numbers." } });
    expect(await list("projectSlug=someone-elses")).toMatchObject({ status: 403, body: { detail: expect.any(String) } });
  });

  it("Sentry: any statsPeriod duration Sentry's parse_stats_period accepts, and a 400 for one it does not", async () => {
    const url = (period: string) => `${env.SENTRY_API_URL}/api/0/organizations/lookout-sim/issues/?statsPeriod=${period}`;
    for (const period of ["90m", "24h", "2d", "1w", "3600"]) expect((await get(url(period), bearer(creds.sentryAuthToken))).status).toBe(200);
    sim.state.sentry.issues[0]!.lastSeen = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const lastHour = (await get(url("1h"), bearer(creds.sentryAuthToken))).body as { id: string }[];
    expect(lastHour.map((i) => i.id)).not.toContain(sim.state.sentry.issues[0]!.id);
    expect(await get(url("yesterday"), bearer(creds.sentryAuthToken))).toMatchObject({ status: 400, body: { detail: "Invalid statsPeriod: 'yesterday'" } });
    expect(await get(url(""), bearer(creds.sentryAuthToken))).toMatchObject({ status: 400, body: { detail: "Invalid statsPeriod: ''" } });
  });
});

describe("Fly restart", () => {
  it("records exactly one restart and brings the machine back started and passing", async () => {
    sim.applyScenario("fly-machine-fails");
    const failed = sim.state.fly.apps[0]!.machines[0]!;
    expect(failed.state).toBe("failed");
    const res = await fetch(`${env.FLY_API_URL}/v1/apps/lookout-runtime/machines/${failed.id}/restart`, { method: "POST", headers: bearer(creds.flyApiToken) });
    expect(await res.json()).toEqual({ ok: true });
    expect(sim.state.fly.restarts).toEqual([expect.objectContaining({ app: "lookout-runtime", machineId: failed.id })]);
    const machine = sim.state.fly.apps[0]!.machines[0]!;
    expect(machine).toMatchObject({ state: "started", checks: [{ status: "passing" }, { status: "passing" }] });
    expect(sim.requests().filter((r) => r.method === "POST" && r.path.endsWith("/restart"))).toHaveLength(1);
  });
});
