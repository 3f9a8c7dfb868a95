import { NextResponse, type NextRequest } from "next/server";
import { buildSecurityHeaders, createNonce } from "@/lib/security/security-headers";

// Every page and route gets the security headers; the policy's nonce also goes on the request, where Next
// reads it to stamp its own inline and chunk scripts (pages are dynamic, so each response gets its own).
export function proxy(request: NextRequest): NextResponse {
  const headers = buildSecurityHeaders(createNonce(), { development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);

  const malformed = malformedInvestigationRewrite(request);
  const response = malformed
    ? NextResponse.rewrite(malformed, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
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
