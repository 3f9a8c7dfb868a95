import { afterEach, describe, expect, it } from "vitest";
import { fetchVendor, maxBodyBytes } from "@/lib/probes/http";
import { describeNetworkError, readRetryAfter, readVendorMessage, tidyMessage } from "@/lib/probes/http-errors";
import { loadFixture, startFakeVendor, withContext, type FakeReply, type FakeVendor } from "./fake-vendor";

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

async function getOnce(reply: FakeReply, service = "Fly API", timeoutMs = 2_000) {
  vendor = await startFakeVendor({ "/v1/thing": reply });
  const url = `${vendor.url}/v1/thing`;
  return withContext((ctx) => fetchVendor({ service, url, signal: ctx.signal, headers: { authorization: "Bearer sekret-token-123" } }), { timeoutMs });
}

describe("fetchVendor", () => {
  it("returns the parsed body and headers on success, via the base URL's path prefix", async () => {
    const result = await getOnce({ json: [{ id: "m1" }], headers: { "fly-request-id": "01JD" } });
    expect(result).toMatchObject({ ok: true, status: 200, body: [{ id: "m1" }] });
    expect(vendor?.requests[0]?.path).toBe("/v1/thing");
  });

  it("names a timeout with the configured budget", async () => {
    const result = await getOnce({ fault: "hang" }, "Fly API", 150);
    expect(result).toMatchObject({ ok: false, kind: "timeout", error: "Fly API timed out after 150 ms" });
  });

  it("quotes the vendor's own message on an HTTP error, truncated", async () => {
    const result = await getOnce({ status: 503, json: { error: { code: "internal", message: `down ${"x".repeat(400)}` } } }, "Vercel API");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^Vercel API answered HTTP 503: down x+…$/);
    expect(result.error.length).toBeLessThan(240);
  });

  it("reports rejected credentials without echoing them", async () => {
    const result = await getOnce({ status: 401, json: loadFixture("fly", "error-unauthorized.json") });
    expect(result).toMatchObject({ ok: false, kind: "auth", error: "Fly API credentials rejected (HTTP 401): unauthorized" });
    expect(JSON.stringify(result)).not.toContain("sekret-token-123");
  });

  it("reads Retry-After on a 429", async () => {
    const result = await getOnce({ status: 429, headers: { "retry-after": "42" }, json: { message: "slow down" } }, "Doppler API");
    expect(result).toMatchObject({ ok: false, kind: "rate_limited", retryAfterS: 42, error: "Doppler API rate limited (retry after 42 s)" });
  });

  it("derives Sentry's wait from X-Sentry-Rate-Limit-Reset (no Retry-After)", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 42);
    const body = loadFixture("sentry", "error-rate-limited.json");
    const result = await getOnce({ status: 429, headers: { "x-sentry-rate-limit-reset": reset }, json: body }, "Sentry API");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^Sentry API rate limited \(retry after 4[123] s\)$/);
  });

  it("calls an unparseable success body malformed JSON", async () => {
    const result = await getOnce({ fault: "malformed" }, "Doppler API");
    expect(result).toMatchObject({ ok: false, kind: "malformed", error: "Doppler API returned malformed JSON" });
  });

  it("names a connection reset", async () => {
    const result = await getOnce({ fault: "reset" }, "Supabase REST");
    expect(result).toMatchObject({ ok: false, kind: "network", error: "Supabase REST unreachable: connection reset (ECONNRESET)" });
  });

  it("refuses a body over the size cap", async () => {
    const result = await getOnce({ text: "x".repeat(maxBodyBytes + 10) });
    expect(result).toMatchObject({ ok: false, kind: "too_large", error: "Fly API response exceeded 5 MB" });
  });

  it("returns text bodies untouched when asked", async () => {
    vendor = await startFakeVendor({ "/metrics": { text: "up 1\n" } });
    const url = `${vendor.url}/metrics`;
    const result = await withContext((ctx) => fetchVendor({ service: "Metrics", url, signal: ctx.signal, as: "text" }));
    expect(result).toMatchObject({ ok: true, body: "up 1\n" });
  });
});

describe("readVendorMessage", () => {
  it.each([
    ["vercel", "error-forbidden.json", "Not authorized"],
    ["fly", "error-capacity.json", "insufficient capacity in region ams"],
    ["sentry", "error-permission.json", "You do not have permission to perform this action."],
    ["doppler", "error-forbidden.json", "This token does not have access to requested resource"],
    ["supabase", "rest-schema-cache-error.json", "Could not query the database for the schema cache. Retrying. (PGRST002)"],
    ["supabase", "auth-upstream-error.json", "An invalid response was received from the upstream server"],
  ])("reads %s's %s", (vendorName, file, message) => {
    expect(readVendorMessage(loadFixture(vendorName, file))).toBe(message);
  });
});

describe("readRetryAfter", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  it("prefers the Retry-After header", () => {
    expect(readRetryAfter(new Headers({ "retry-after": "7" }), null, now)).toBe(7);
  });
  it("reads Vercel's error.limit.reset (epoch seconds)", () => {
    const body = { error: { code: "rate_limited", message: "Rate limit exceeded", limit: { remaining: 0, reset: now / 1000 + 30, total: 100 } } };
    expect(readRetryAfter(new Headers(), body, now)).toBe(30);
  });
  it("derives Sentry's wait from its reset header", () => {
    expect(readRetryAfter(new Headers({ "x-sentry-rate-limit-reset": String(now / 1000 + 42) }), null, now)).toBe(42);
  });
  it("returns null with no signal", () => {
    expect(readRetryAfter(new Headers(), { message: "slow" }, now)).toBeNull();
  });
});

describe("message hygiene", () => {
  it("strips query strings and bearer values", () => {
    expect(tidyMessage("see https://api.example.com/x?token=abc and Bearer abc.def")).toBe("see https://api.example.com/x?… and Bearer [redacted]");
  });
  it("finds the socket code under fetch's generic error", () => {
    const err = new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND x.invalid"), { code: "ENOTFOUND" }) });
    expect(describeNetworkError(err)).toBe("host not found (ENOTFOUND)");
  });
});
