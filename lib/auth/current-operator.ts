import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { findActiveSession, type ActiveSession } from "./operator-sessions";
import { signInPath } from "./return-path";
import { isConfiguredOperator } from "./sign-in-mode";
import { readSessionCookie, SESSION_COOKIE } from "./session-cookie";
import { getSessionKey } from "./session-key";
import { verifySessionToken } from "./session-token";

// The secure check behind the proxy's quick one: a valid signature AND a live session row, so a signed-out
// or expired session stops working in every page, route and action, not only where the proxy looks.

/** The operator a session cookie value belongs to, or null. */
export async function operatorFromToken(token: string | undefined): Promise<ActiveSession | null> {
  const env = getEnv();
  const claims = await verifySessionToken(token, getSessionKey(env));
  if (!claims || !isConfiguredOperator(env, claims.operator)) return null;
  return findActiveSession(db, claims.sessionId, claims.operator);
}

/**
 * The signed-in operator of the current request, or null. Outside a request (no cookies to read) there
 * is nobody signed in: fail closed.
 */
export const getOperator = cache(async (): Promise<ActiveSession | null> => {
  let token: string | undefined;
  try {
    token = (await cookies()).get(SESSION_COOKIE)?.value;
  } catch {
    return null;
  }
  return operatorFromToken(token);
});

/** For route handlers: the operator named by the request's own Cookie header. */
export function operatorFromRequest(request: Request): Promise<ActiveSession | null> {
  return operatorFromToken(readSessionCookie(request.headers.get("cookie")));
}

/** For pages: the operator, or a redirect to sign-in that comes back to `returnTo` afterwards. */
export async function requireOperator(returnTo: string): Promise<ActiveSession> {
  const operator = await getOperator();
  if (!operator) redirect(signInPath(returnTo));
  return operator;
}

/** Whether the current request reached Lookout over https (directly or through a TLS-terminating proxy). */
export async function requestIsHttps(): Promise<boolean> {
  return (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
