import { SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { signSessionToken, verifySessionToken } from "@/lib/auth/session-token";

// The session cookie's value, checked against tokens made here with jose itself: what Lookout signs is
// a standard HS256 JWT, and verification refuses anything that differs in issuer, audience, algorithm,
// claims or length.

const key = new TextEncoder().encode("k".repeat(32));
const sessionId = "s".repeat(32);
const expiresAt = new Date("2030-01-01T00:00:00.000Z");

function craft(claims: JWTPayload, { alg = "HS256", iss = "lookout", aud = "lookout-operator", signWith = key } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg }).setIssuer(iss).setAudience(aud).setSubject(sessionId).setExpirationTime(Math.floor(expiresAt.getTime() / 1000)).sign(signWith);
}

describe("signSessionToken", () => {
  it("is an HS256 JWT naming the session and operator, issued by lookout for lookout-operator, expiring with the session", async () => {
    const token = await signSessionToken({ id: sessionId, operator: "maya", expiresAt }, key);
    const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part!, "base64url").toString("utf8")));
    expect(header).toEqual({ alg: "HS256" });
    expect(payload).toMatchObject({ sub: sessionId, operator: "maya", iss: "lookout", aud: "lookout-operator", exp: expiresAt.getTime() / 1000 });
    expect(typeof payload.iat).toBe("number");
  });
});

describe("verifySessionToken", () => {
  it("accepts a token with Lookout's claims and gives back the session, operator and expiry", async () => {
    expect(await verifySessionToken(await craft({ operator: "maya" }), key)).toEqual({ sessionId, operator: "maya", expiresAt });
  });

  it.each([
    ["another issuer", { iss: "someone-else" }],
    ["another audience", { aud: "lookout-admin" }],
    ["another HMAC over the same key", { alg: "HS384" }],
    ["another key", { signWith: new TextEncoder().encode("x".repeat(32)) }],
  ])("refuses a token with %s", async (_, options) => {
    expect(await verifySessionToken(await craft({ operator: "maya" }, options), key)).toBeNull();
  });

  it.each([
    ["no operator", {}],
    ["an empty operator", { operator: "" }],
    ["an operator that is not a string", { operator: 7 }],
    ["an operator name past 64 characters", { operator: "m".repeat(65) }],
  ])("refuses a token with %s", async (_, claims) => {
    expect(await verifySessionToken(await craft(claims), key)).toBeNull();
  });

  it("refuses a session id shorter than 16 or longer than 64 characters", async () => {
    const withSubject = (sub: string) => new SignJWT({ operator: "maya" }).setProtectedHeader({ alg: "HS256" }).setIssuer("lookout").setAudience("lookout-operator").setSubject(sub).setExpirationTime("1h").sign(key);
    expect(await verifySessionToken(await withSubject("s".repeat(15)), key)).toBeNull();
    expect(await verifySessionToken(await withSubject("s".repeat(65)), key)).toBeNull();
    expect(await verifySessionToken(await withSubject("s".repeat(16)), key)).not.toBeNull();
    expect(await verifySessionToken(await withSubject("s".repeat(64)), key)).not.toBeNull();
  });

  it("refuses a token without an expiry, an unsigned one, nothing at all, and anything past 2048 characters", async () => {
    const noExpiry = await new SignJWT({ operator: "maya" }).setProtectedHeader({ alg: "HS256" }).setIssuer("lookout").setAudience("lookout-operator").setSubject(sessionId).sign(key);
    expect(await verifySessionToken(noExpiry, key)).toBeNull();
    const [, payload] = (await craft({ operator: "maya" })).split(".");
    expect(await verifySessionToken(`${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`, key)).toBeNull();
    expect(await verifySessionToken(undefined, key)).toBeNull();
    expect(await verifySessionToken("", key)).toBeNull();
    // Valid tokens padded to exactly 2048 characters and one past it.
    const ofLength = async (length: number) => {
      for (let pad = 1_000; pad < 1_600; pad++) {
        for (const extra of ["", "x", "xx"]) {
          const token = await craft({ operator: "maya", pad: "p".repeat(pad), extra });
          if (token.length === length) return token;
        }
      }
      throw new Error(`no token of ${length} characters`);
    };
    expect(await verifySessionToken(await ofLength(2048), key)).not.toBeNull();
    expect(await verifySessionToken(await ofLength(2049), key)).toBeNull();
  });
});
