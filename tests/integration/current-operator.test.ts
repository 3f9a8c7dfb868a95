import { beforeEach, describe, expect, it, vi } from "vitest";
import { getOperator, requestIsHttps, requireOperator } from "@/lib/auth/current-operator";
import { signInForTest } from "../helpers/operator-session";

// The request-bound checks pages and actions call. Only next/headers is stood in for (there is no Next
// request here): a cookie jar and request headers per test. The session checks behind it are Lookout's own.

const request = vi.hoisted(() => ({ token: undefined as string | undefined, headers: new Headers(), outside: false }));
vi.mock("next/headers", () => ({
  cookies: async () => {
    if (request.outside) throw new Error("`cookies` was called outside a request scope.");
    return { get: (name: string) => (name === "lookout_session" && request.token ? { name, value: request.token } : undefined) };
  },
  headers: async () => request.headers,
}));
vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_NAME = "alice";
});

beforeEach(() => {
  request.token = undefined;
  request.headers = new Headers();
  request.outside = false;
});

/** The path a page's redirect to sign-in goes to (Next throws it as a NEXT_REDIRECT error). */
async function redirectedTo(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2] ?? "";
  }
}

describe("getOperator", () => {
  it("is the signed-in operator of the request, and nobody without a cookie or outside a request", async () => {
    const { session, token } = await signInForTest("alice");
    request.token = token;
    expect(await getOperator()).toEqual(session);
    request.token = undefined;
    expect(await getOperator()).toBeNull();
    request.token = token;
    request.outside = true;
    expect(await getOperator()).toBeNull();
  });
});

describe("requireOperator", () => {
  it("gives the page its operator, or sends the browser to sign-in and back to that page", async () => {
    const { session, token } = await signInForTest("alice");
    request.token = token;
    expect(await requireOperator("/settings")).toEqual(session);
    request.token = undefined;
    expect(await redirectedTo(() => requireOperator("/audit?probe=fly"))).toBe(`/sign-in?next=${encodeURIComponent("/audit?probe=fly")}`);
    expect(await redirectedTo(() => requireOperator("/"))).toBe("/sign-in");
  });
});

describe("requestIsHttps", () => {
  it.each([
    ["https", true],
    ["https ,http", true],
    ["https, http", true],
    ["http", false],
    ["http, https", false],
    ["HTTPS-ish", false],
  ])("X-Forwarded-Proto %j -> %s (the proxy nearest the client speaks first)", async (proto, https) => {
    request.headers = new Headers({ "x-forwarded-proto": proto });
    expect(await requestIsHttps()).toBe(https);
  });

  it("is false without the header", async () => {
    expect(await requestIsHttps()).toBe(false);
  });
});
