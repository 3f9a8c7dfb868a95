import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSimulator, simulatorEnv, type Simulator } from "@/simulator/server";

const SECRET = "cron-secret-for-tests-7d1c";
let sim: Simulator;

async function loadRoute(extraEnv: Record<string, string | undefined>) {
  vi.resetModules();
  // Not coalesced unless a test asks: each request here stands for a cron hit minutes after the last.
  Object.assign(process.env, simulatorEnv(sim.url), { LOOKOUT_PROBE_TIMEOUT_MS: "2000", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" }, extraEnv);
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete process.env[k];
  const route = await import("@/app/api/cron/probes/route");
  const { db } = await import("@/lib/db");
  return { ...route, db };
}

const request = (authorization?: string, method = "GET") =>
  new Request("http://localhost/api/cron/probes", { method, headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  const { db } = await loadRoute({ CRON_SECRET: SECRET });
  await db.probeCycle.deleteMany();
  await db.cycleLease.deleteMany();
});

describe("GET|POST /api/cron/probes", () => {
  it("refuses a request without the bearer secret and writes nothing", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: SECRET });
    const res = await GET(request());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error: "Missing or invalid bearer token." });
    expect(await db.probeCycle.count()).toBe(0);
    expect(sim.requests()).toHaveLength(0);
  });

  it("refuses a wrong secret, including one that only shares a prefix", async () => {
    const { GET, POST, db } = await loadRoute({ CRON_SECRET: SECRET });
    for (const header of [`Bearer wrong`, `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, SECRET, `Basic ${SECRET}`]) {
      expect((await GET(request(header))).status).toBe(401);
      expect((await POST(request(header, "POST"))).status).toBe(401);
    }
    expect(await db.probeCycle.count()).toBe(0);
  });

  it("runs one cycle with the right secret on GET and on POST", async () => {
    const { GET, POST, db } = await loadRoute({ CRON_SECRET: SECRET });
    const res = await GET(request(`Bearer ${SECRET}`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, cycle: { trigger: "cron" } });
    expect(body.cycle.snapshots).toHaveLength(5);
    expect((await POST(request(`Bearer ${SECRET}`, "POST"))).status).toBe(200);
    expect(await db.probeCycle.count()).toBe(2);
    expect(await db.probeSnapshot.count()).toBe(10);
  });

  it("consumes the wakes of its cycle once it has answered: investigation and DM follow", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: SECRET, LOOKOUT_DEBOUNCE_SECONDS: "0" });
    sim.applyScenario("fly-machine-fails");
    const res = await GET(request(`Bearer ${SECRET}`));
    expect(res.status).toBe(200);
    expect((await res.json()).cycle.detection.wakes).toBe(1);
    await vi.waitFor(async () => expect(await db.investigation.count()).toBe(1), { timeout: 5_000 });
    await vi.waitFor(() => expect(sim.state.slack.messages).toHaveLength(1), { timeout: 5_000 });
    await db.wake.deleteMany();
    await db.investigation.deleteMany();
    await db.incident.deleteMany();
    sim.reset();
  });

  it("coalesces a burst: 20 hits spread over a second run exactly one cycle; the rest answer coalesced or 409", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: SECRET, LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "20" });
    sim.setLatency("vercel", 200);
    const hits = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        const res = await GET(request(`Bearer ${SECRET}`));
        return { status: res.status, body: (await res.json()) as { ok: boolean; coalesced?: boolean; reason?: string; cycle?: { cycleId: string } } };
      }),
    );
    expect(await db.probeCycle.count()).toBe(1);
    const ran = hits.filter((h) => h.status === 200 && h.body.coalesced === false);
    const coalesced = hits.filter((h) => h.status === 200 && h.body.coalesced === true);
    const busy = hits.filter((h) => h.status === 409 && h.body.reason === "cycle_in_progress");
    expect(ran).toHaveLength(1);
    expect(coalesced.length + busy.length).toBe(19);
    // Hits after the cycle finished answer with that cycle's result: those of the burst, when the cycle was
    // over before it (a busy machine may take longer than the burst), and one sent once every hit answered.
    const late = (await (await GET(request(`Bearer ${SECRET}`))).json()) as (typeof hits)[number]["body"];
    expect(late).toMatchObject({ ok: true, coalesced: true });
    expect(new Set([...coalesced.map((h) => h.body), late].map((body) => body.cycle?.cycleId))).toEqual(new Set([ran[0]!.body.cycle!.cycleId]));
    expect(await db.probeCycle.count()).toBe(1);
    sim.setLatency("vercel", 0);
  });

  it("runs a new cycle once the spacing has passed", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: SECRET, LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "1" });
    expect(await (await GET(request(`Bearer ${SECRET}`))).json()).toMatchObject({ ok: true, coalesced: false });
    expect(await (await GET(request(`Bearer ${SECRET}`))).json()).toMatchObject({ ok: true, coalesced: true, message: expect.stringMatching(/started \d+ s ago/) });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await (await GET(request(`Bearer ${SECRET}`))).json()).toMatchObject({ ok: true, coalesced: false });
    expect(await db.probeCycle.count()).toBe(2);
  });

  it("answers 503 with a clear message when no CRON_SECRET is configured", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: undefined });
    const res = await GET(request(`Bearer anything`));
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/CRON_SECRET is not configured/);
    expect(await db.probeCycle.count()).toBe(0);
  });

  it("answers 409 while another cycle holds the lease", async () => {
    const { GET, db } = await loadRoute({ CRON_SECRET: SECRET });
    await db.cycleLease.create({ data: { name: "probe-cycle", holder: "other", trigger: "scheduler", acquiredAt: new Date(), expiresAt: new Date(Date.now() + 60_000) } });
    const res = await GET(request(`Bearer ${SECRET}`));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ ok: false, reason: "cycle_in_progress", error: expect.stringMatching(/scheduler/) });
    await db.cycleLease.deleteMany();
  });
});
