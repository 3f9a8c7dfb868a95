import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";

// The session cookie's value: a signed JWT naming the session row and its operator. The signature is
// what the request proxy checks; pages, routes and actions also check the row (revoked at sign-out).
const ISSUER = "lookout";
const AUDIENCE = "lookout-operator";

export interface SessionClaims {
  sessionId: string;
  operator: string;
  expiresAt: Date;
}

const claimsSchema = z.object({ sub: z.string().min(16).max(64), operator: z.string().min(1).max(64), exp: z.number() });

/** The cookie value for a session row, expiring with it. */
export async function signSessionToken(session: { id: string; operator: string; expiresAt: Date }, key: Uint8Array): Promise<string> {
  return new SignJWT({ operator: session.operator })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(session.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(session.expiresAt.getTime() / 1000))
    .sign(key);
}

/** The claims of a valid, unexpired token; null for anything else (forged, expired, malformed, too long). */
export async function verifySessionToken(token: string | undefined, key: Uint8Array): Promise<SessionClaims | null> {
  if (!token || token.length > 2048) return null;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return null;
    return { sessionId: claims.data.sub, operator: claims.data.operator, expiresAt: new Date(claims.data.exp * 1000) };
  } catch {
    return null;
  }
}
