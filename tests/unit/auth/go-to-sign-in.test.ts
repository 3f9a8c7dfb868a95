import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";

// Browser code, run here against a stand-in window and fetch: where a page sends the operator when the
// server says the session is over, and that any other failure leaves the operator where they are.

let assign: ReturnType<typeof vi.fn>;

beforeEach(() => {
  assign = vi.fn();
  vi.stubGlobal("window", { location: { pathname: "/investigations/probe:fly:service_degraded:abc", search: "?tab=dm", assign } });
});
afterEach(() => vi.unstubAllGlobals());

describe("goToSignIn", () => {
  it("goes to sign-in, coming back to this page and its query afterwards", () => {
    goToSignIn();
    expect(assign).toHaveBeenCalledWith(`/sign-in?next=${encodeURIComponent("/investigations/probe:fly:service_degraded:abc?tab=dm")}`);
  });
});

describe("followEndedSession", () => {
  it("asks /api/session without a cached answer, and on 401 goes to sign-in", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 401 }));
    vi.stubGlobal("fetch", fetch);
    expect(await followEndedSession()).toBe(true);
    expect(fetch).toHaveBeenCalledWith("/api/session", { cache: "no-store" });
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it.each([200, 403, 500, 503])("stays on the page when the session answers %i", async (status) => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status })));
    expect(await followEndedSession()).toBe(false);
    expect(assign).not.toHaveBeenCalled();
  });

  it("stays on the page when the network is down", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    expect(await followEndedSession()).toBe(false);
    expect(assign).not.toHaveBeenCalled();
  });
});
