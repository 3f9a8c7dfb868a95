import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSimulator, simulatorEnv, type Simulator } from "@/simulator/server";

// The cron route takes no body: the bearer check comes first (401 for anyone without the secret), then the
// size cap (413), and a refused request starts no cycle.

const SECRET = "cron-secret-for-body-cap-3b9e";
const url = "http://localhost/api/cron/probes";
let sim: Simulator;

async function loadRoute() {
  vi.resetModules();
  // Two requests in a row each run a cycle here: coalescing has its own test.
  Object.assign(process.env, simulatorEnv(sim.url), { LOOKOUT_PROBE_TIMEOUT_MS: "2000", CRON_SECRET: SECRET, LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" });
  const route = await import("@/app/api/cron/probes/route");
  const { db } = await import("@/lib/db");
  return { ...route, db };
}

const bearer = { authorization: `Bearer ${SECRET}` };

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  const { db } = await loadRoute();
  await db.probeCycle.deleteMany();
  sim.reset();
});

describe("body cap on /api/cron/probes", () => {
  it("answers 401, not 413, to an oversized request without the secret", async () => {
    const { GET, POST, db } = await loadRoute();
    const get = await GET(new Request(url, { headers: { "content-length": "5000" } }));
    expect(get.status).toBe(401);
    const post = await POST(new Request(url, { method: "POST", body: "x".repeat(5000) }));
    expect(post.status).toBe(401);
    expect(await db.probeCycle.count()).toBe(0);
  });

  it("answers 413 with a JSON error to a declared length over 1 KB, and writes nothing", async () => {
    const { GET, POST, db } = await loadRoute();
    for (const handler of [GET, POST]) {
      const res = await handler(new Request(url, { method: handler === GET ? "GET" : "POST", headers: { ...bearer, "content-length": "1025" } }));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ ok: false, error: "The request body is larger than 1024 bytes." });
    }
    expect(await db.probeCycle.count()).toBe(0);
    expect(sim.requests()).toHaveLength(0);
  });

  it("answers 413 to a body over 1 KB sent without a content-length", async () => {
    const { POST, db } = await loadRoute();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(512));
        controller.close();
      },
    });
    const res = await POST(new Request(url, { method: "POST", headers: bearer, body, duplex: "half" } as RequestInit));
    expect(res.status).toBe(413);
    expect(await db.probeCycle.count()).toBe(0);
  });

  it("still runs the cycle for a request with the secret and a small or empty body", async () => {
    const { GET, POST, db } = await loadRoute();
    expect((await GET(new Request(url, { headers: bearer }))).status).toBe(200);
    expect((await POST(new Request(url, { method: "POST", headers: bearer, body: "{}" }))).status).toBe(200);
    expect(await db.probeCycle.count()).toBe(2);
  });
});
