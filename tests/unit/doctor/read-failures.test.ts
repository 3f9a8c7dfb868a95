import { afterEach, describe, expect, it } from "vitest";
import { readFailures } from "@/lib/doctor/read-failures";
import { fetchVendor } from "@/lib/probes/http";
import { startFakeVendor, withContext, type FakeReply, type FakeVendor } from "../probes/fake-vendor";

// The sentences are produced by the real fetchVendor, so a change to their wording fails here first.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

async function sentenceFor(reply: FakeReply, service: string, timeoutMs = 2_000): Promise<string> {
  vendor = await startFakeVendor({ "/v1/thing": reply });
  const url = `${vendor.url}/v1/thing`;
  const result = await withContext((ctx) => fetchVendor({ service, url, signal: ctx.signal }), { timeoutMs });
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

describe("readFailures on the sentences fetchVendor writes", () => {
  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [400, "rejected"],
    [422, "rejected"],
    [302, "redirect"],
    [500, "server_error"],
    [503, "server_error"],
  ] as const)("reads HTTP %i as %s, blamed on the API that answered", async (status, kind) => {
    const text = await sentenceFor({ status, json: { error: "nope" } }, "Sentry API");
    expect(readFailures(text, "sentry")).toEqual([{ surface: "Sentry API", kind, status, retryAfterS: null, timeoutMs: null, detail: null }]);
  });

  it("reads a rate limit with the wait the vendor asked for", async () => {
    const text = await sentenceFor({ status: 429, headers: { "retry-after": "12" }, json: {} }, "Vercel API");
    expect(readFailures(text, "vercel")).toMatchObject([{ surface: "Vercel API", kind: "rate_limited", status: 429, retryAfterS: 12 }]);
  });

  it("reads a timeout with its budget", async () => {
    const text = await sentenceFor({ fault: "hang" }, "Doppler API", 150);
    expect(readFailures(text, "doppler")).toMatchObject([{ surface: "Doppler API", kind: "timeout", status: null, timeoutMs: 150 }]);
  });

  it("reads a connection reset as a network failure with its cause", async () => {
    const text = await sentenceFor({ fault: "reset" }, "Fly API");
    const [failure] = readFailures(text, "fly");
    expect(failure).toMatchObject({ surface: "Fly API", kind: "network", status: null });
    expect(failure?.detail).toMatch(/ECONNRESET|closed/);
  });

  it("reads a malformed body", async () => {
    const text = await sentenceFor({ fault: "malformed" }, "Supabase Auth");
    expect(readFailures(text, "supabase")).toMatchObject([{ surface: "Supabase Auth", kind: "malformed" }]);
  });
});

describe("readFailures on sentences the probes compose", () => {
  it("reads every failure in a joined sentence, in order", () => {
    const text =
      "No Fly app reachable: a: Fly API credentials rejected (HTTP 401): token validation error; b: Fly API answered HTTP 404: app not found";
    expect(readFailures(text, "fly").map((f) => [f.kind, f.status])).toEqual([
      ["unauthorized", 401],
      ["not_found", 404],
    ]);
  });

  it("tells the Supabase APIs apart", () => {
    const text = "Supabase Auth answered HTTP 503: down; Supabase Management API credentials rejected (HTTP 401): Unauthorized";
    expect(readFailures(text, "supabase").map((f) => f.surface)).toEqual(["Supabase Auth", "Supabase Management API"]);
  });

  it("blames the runner's own timeout and an internal error on the probe's main API", () => {
    expect(readFailures("Fly.io probe timed out after 10000 ms", "fly")).toMatchObject([{ surface: "Fly API", kind: "timeout", timeoutMs: 10000 }]);
    expect(readFailures("internal probe error: boom", "vercel")).toMatchObject([{ surface: "Vercel API", kind: "internal" }]);
  });

  it("still reads a status from a sentence it does not otherwise know", () => {
    expect(readFailures("Doppler config logs refused (HTTP 403)", "doppler")).toMatchObject([{ surface: "Doppler API", kind: "forbidden", status: 403 }]);
  });

  it("finds nothing in a figures problem or an empty error", () => {
    expect(readFailures("Vercel deployment error rate 30% over the last 24 h (9 of 30 finished; threshold 10%)", "vercel")).toEqual([]);
    expect(readFailures("1 Fly machine unhealthy: app/m1 (state failed)", "fly")).toEqual([]);
    expect(readFailures(null, "sentry")).toEqual([]);
  });
});
