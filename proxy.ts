import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/return-path";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { getSessionKey } from "@/lib/auth/session-key";
import { verifySessionToken } from "@/lib/auth/session-token";
import { isSignInActionId } from "@/lib/auth/sign-in-action-id";
import { getEnv } from "@/lib/env";
import { buildSecurityHeaders, createNonce } from "@/lib/security/security-headers";

// Every page and route gets the security headers; the policy's nonce also goes on the request, where Next
// reads it to stamp its own inline and chunk scripts (pages are dynamic, so each response gets its own).
// Without a validly signed session cookie nothing but the sign-in page, the cron route and Slack's
// interactions route (which answers to Slack's request signature) is reached:
// pages redirect to sign-in, JSON routes and server actions get a 401. This is the quick check; pages,
// routes and actions check the session row themselves too.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const headers = buildSecurityHeaders(createNonce(), { development: process.env.NODE_ENV === "development" });
  const response = (await refuseWithoutSession(request)) ?? pass(request, headers["Content-Security-Policy"]);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function pass(request: NextRequest, policy: string): NextResponse {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const malformed = malformedInvestigationRewrite(request);
  return malformed
    ? NextResponse.rewrite(malformed, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
}

// The sign-in page (and its action) is open to everyone; the cron route answers to its bearer secret only,
// the Slack interactions route to Slack's signature only.
// Any other action id posted to the sign-in page would be forwarded by Next to the page holding it, past
// this check, and answered 200 "{}" with an uncaught "aborted" in the log: it needs a session like any write.
function isPublic(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (pathname === "/api/cron/probes" || pathname === "/api/slack/interactions") return true;
  if (pathname !== "/sign-in") return false;
  const actionId = request.headers.get("next-action");
  return request.method !== "POST" || actionId === null || isSignInActionId(actionId);
}

async function refuseWithoutSession(request: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  if (isPublic(request)) return null;
  const claims = await verifySessionToken(request.cookies.get(SESSION_COOKIE)?.value, getSessionKey(getEnv()));
  if (claims) return null;
  const noStore = { "cache-control": "no-store" };
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in to Lookout first." }, { status: 401, headers: noStore });
  if (request.method !== "GET" && request.method !== "HEAD") {
    // A server action (or any other write) without a session: refused, never redirected into running.
    return NextResponse.json({ error: "Sign in to Lookout first." }, { status: 401, headers: noStore });
  }
  return NextResponse.redirect(new URL(signInPath(pathname + search), request.url), { headers: noStore });
}

// Next answers a dynamic segment with a malformed percent escape (a link cut short mid-character) with a
// bare 500 before any page runs. For the investigation routes that is just an unknown session: send it to
// a path their own 404 handles.
function malformedInvestigationRewrite(request: NextRequest): URL | null {
  const { pathname } = request.nextUrl;
  const api = pathname.startsWith("/api/investigations/");
  if (!api && !pathname.startsWith("/investigations/")) return null;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const url = request.nextUrl.clone();
    url.pathname = api ? "/api/investigations/malformed" : "/investigations/malformed";
    return url;
  }
}

// Everything but Next's static assets, which carry no page and change only with a build.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
