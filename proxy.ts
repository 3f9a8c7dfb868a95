import { NextResponse, type NextRequest } from "next/server";

// Next answers a dynamic segment with a malformed percent escape (a link cut short mid-character) with a
// bare 500 before any page runs. For the investigation routes that is just an unknown session: send it to
// a path their own 404 handles.
export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    const url = request.nextUrl.clone();
    url.pathname = url.pathname.startsWith("/api/") ? "/api/investigations/malformed" : "/investigations/malformed";
    return NextResponse.rewrite(url);
  }
}

export const config = { matcher: ["/investigations/:path+", "/api/investigations/:path+"] };
