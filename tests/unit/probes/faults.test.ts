import { afterEach, describe, expect, it } from "vitest";
import { probes } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeName } from "@/lib/probes/types";
import { buildEnv, startFakeVendor, type FakeReply, type FakeVendor } from "./fake-vendor";

// Every probe meets every fault the same way: a snapshot with the right status and one clear sentence.

const timeoutMs = 200;

const envFor: Record<ProbeName, (url: string) => Record<string, string>> = {
  supabase: (url) => ({ SUPABASE_URL: url, SUPABASE_ANON_KEY: "anon-test-key-123" }),
  fly: (url) => ({ FLY_API_TOKEN: "fo1_test_token", FLY_APPS: "runtime", FLY_API_URL: url }),
  vercel: (url) => ({ VERCEL_TOKEN: "vc_test_token", VERCEL_API_URL: url }),
  sentry: (url) => ({ SENTRY_AUTH_TOKEN: "sntrys_test_token", SENTRY_ORG: "acme", SENTRY_API_URL: url }),
  doppler: (url) => ({ DOPPLER_TOKEN: "dp.st.prd.testtoken123", DOPPLER_API_URL: url }),
};

const service: Record<ProbeName, string> = {
  supabase: "Supabase REST",
  fly: "Fly API",
  vercel: "Vercel API",
  sentry: "Sentry API",
  doppler: "Doppler API",
};

/** Each vendor's own 429: Sentry sends only its reset header, Vercel adds error.limit to the body. */
function rateLimitReply(probe: ProbeName): FakeReply {
  const reset = Math.floor(Date.now() / 1000) + 30;
  if (probe === "sentry") return { status: 429, headers: { "x-sentry-rate-limit-reset": String(reset) }, json: { detail: "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds" } };
  if (probe === "vercel") return { status: 429, headers: { "retry-after": "30" }, json: { error: { code: "rate_limited", message: "Rate limit exceeded", limit: { remaining: 0, reset, resetMs: reset * 1000, total: 100 } } } };
  return { status: 429, headers: { "retry-after": "30" }, json: { message: "Too many requests" } };
}

const faults: Array<{ name: string; reply: (p: ProbeName) => FakeReply; status: string; error: (p: ProbeName) => RegExp }> = [
  { name: "a hang past the timeout", reply: () => ({ fault: "hang" }), status: "unhealthy", error: (p) => new RegExp(`^${service[p]} timed out after ${timeoutMs} ms$`) },
  { name: "HTTP 503", reply: () => ({ status: 503, json: { message: "Service Unavailable" } }), status: "unhealthy", error: (p) => new RegExp(`^${service[p]} answered HTTP 503`) },
  { name: "a 429 with the vendor's signal", reply: rateLimitReply, status: "degraded", error: (p) => new RegExp(`^${service[p]} rate limited \\(retry after (29|30|31) s\\)$`) },
  { name: "malformed JSON", reply: () => ({ fault: "malformed" }), status: "unhealthy", error: (p) => new RegExp(`^${service[p]} returned malformed JSON$`) },
  { name: "a connection reset", reply: () => ({ fault: "reset" }), status: "unhealthy", error: (p) => new RegExp(`^${service[p]} unreachable: connection reset \\(ECONNRESET\\)$`) },
];

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

describe.each(probes.map((p) => [p.name, p] as const))("%s under faults", (name, probe) => {
  it.each(faults.map((f) => [f.name, f] as const))("turns %s into a clear snapshot", async (_label, fault) => {
    vendor = await startFakeVendor({}, fault.reply(name));
    const started = Date.now();
    const snapshot = await runProbe(probe, buildEnv(envFor[name](vendor.url)), { timeoutMs, pageCap: 5 });
    expect(Date.now() - started).toBeLessThan(timeoutMs + 500);
    expect(snapshot.probe).toBe(name);
    expect(snapshot.status).toBe(fault.status);
    expect(snapshot.error).toMatch(fault.error(name));
    if (fault.status === "degraded") expect(snapshot.details).toMatchObject({ rate_limited: true, retry_after_s: expect.any(Number) });
  });

  it("is unconfigured without credentials and makes no request", async () => {
    vendor = await startFakeVendor({});
    const snapshot = await runProbe(probe, buildEnv({}), { timeoutMs, pageCap: 5 });
    expect(snapshot).toMatchObject({ probe: name, status: "unconfigured", details: {}, error: null, latencyMs: 0 });
    expect(vendor.requests).toHaveLength(0);
  });
});
