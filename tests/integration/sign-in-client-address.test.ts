import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

// Behind a TLS proxy every request carries `X-Forwarded-For: <client>, <proxy>…`. The sign-in rate
// limit must count per client, the first entry: counted per proxy (a later entry), one guesser would lock
// out everyone behind the same proxy, and could escape their own lockout by going through another one.
// Driven through the real sign-in action; only Next's request headers and cookie jar are stood in.

const PASSWORD = "first-entry-is-the-client-77";
vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_PASSWORD = "first-entry-is-the-client-77";
  process.env.LOOKOUT_OPERATOR_NAME = "maya";
});
const request = vi.hoisted(() => ({ forwardedFor: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": request.forwardedFor }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));

const PROXY = "10.0.0.1";
const guesser = "203.0.113.50";
const colleague = "198.51.100.60";

/** One submission of the sign-in form from `forwardedFor`: "signed in", or the message shown. */
async function submit(secret: string, forwardedFor: string): Promise<string> {
  const { signInAction } = await import("@/app/sign-in/actions");
  request.forwardedFor = forwardedFor;
  const form = new FormData();
  form.set("secret", secret);
  try {
    const state = await signInAction({ error: null }, form);
    return state.error ?? "no error";
  } catch (error) {
    // A successful sign-in ends in Next's redirect, thrown as a NEXT_REDIRECT error.
    if (String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT")) return "signed in";
    throw error;
  }
}

beforeEach(() => {
  for (const level of ["log", "warn"] as const) vi.spyOn(console, level).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("the client address a sign-in is counted under", () => {
  it("is the first X-Forwarded-For entry, trimmed to address characters", () => {
    expect(clientAddress(`${guesser}, ${PROXY}, 10.0.0.2`)).toBe(guesser);
    expect(clientAddress(` ${colleague} `)).toBe(colleague);
    expect(clientAddress("2001:db8::7, 10.0.0.1")).toBe("2001:db8::7");
    expect(clientAddress(null)).toBe("unknown");
    // Anything but address characters is dropped, and at most 64 characters are kept.
    expect(clientAddress("203.0.113.9<script>, 10.0.0.1")).toBe("203.0.113.9script");
    expect(clientAddress("<>!")).toBe("unknown");
    expect(clientAddress(`${"a".repeat(70)}, 10.0.0.1`)).toBe("a".repeat(64));
  });

  it("locks out the client who failed, not others behind the same proxy, whichever proxy it comes through next", async () => {
    const max = getEnv().LOOKOUT_SIGNIN_MAX_FAILURES;
    for (let i = 0; i < max; i++) expect(await submit(`wrong-guess-${i}`, `${guesser}, ${PROXY}`)).toBe("That password is not right.");
    expect(await submit(PASSWORD, `${guesser}, ${PROXY}`)).toMatch(/^Too many failed sign-ins/);

    // Another client through the same proxy signs in, and is recorded under its own address.
    expect(await submit(PASSWORD, `${colleague}, ${PROXY}`)).toBe("signed in");
    const signedIn = await db.auditEvent.findFirstOrThrow({ where: { seam: "operator.signed_in" }, orderBy: { id: "desc" } });
    expect(JSON.parse(signedIn.details)).toMatchObject({ client: colleague });

    // The guesser stays locked out when its request comes through another proxy.
    expect(await submit(PASSWORD, `${guesser}, 10.0.0.2`)).toMatch(/^Too many failed sign-ins/);
  });
});
