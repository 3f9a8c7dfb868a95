import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionCookie, sessionCookieOptions } from "@/lib/auth/session-cookie";

const expiresAt = new Date("2026-11-26T00:00:00Z");
afterEach(() => vi.unstubAllEnvs());

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, with the session's expiry", () => {
    expect(sessionCookieOptions({ LOOKOUT_PUBLIC_URL: "http://localhost:3000" }, { requestIsHttps: false, expiresAt })).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
      expires: expiresAt,
    });
  });

  it("is Secure in production whenever Lookout is reached over https", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(sessionCookieOptions({ LOOKOUT_PUBLIC_URL: "https://lookout.example.com" }, { requestIsHttps: false, expiresAt }).secure).toBe(true);
    expect(sessionCookieOptions({ LOOKOUT_PUBLIC_URL: "http://10.0.0.5:3000" }, { requestIsHttps: true, expiresAt }).secure).toBe(true);
    // Plain http on a private network: a Secure cookie would never be kept, and nobody could sign in.
    expect(sessionCookieOptions({ LOOKOUT_PUBLIC_URL: "http://10.0.0.5:3000" }, { requestIsHttps: false, expiresAt }).secure).toBe(false);
  });

  it("is not Secure in development, where the dev server speaks plain http", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(sessionCookieOptions({ LOOKOUT_PUBLIC_URL: "https://lookout.example.com" }, { requestIsHttps: false, expiresAt }).secure).toBe(false);
  });

  it("is read from a Cookie header among others", () => {
    expect(readSessionCookie("theme=dark; lookout_session=a.b.c; other=1")).toBe("a.b.c");
    expect(readSessionCookie("lookout_session_old=x")).toBeUndefined();
    expect(readSessionCookie(null)).toBeUndefined();
    // A value may itself hold "=": everything after the first one is the value.
    expect(readSessionCookie("lookout_session=a.b=c==; theme=dark")).toBe("a.b=c==");
  });
});
