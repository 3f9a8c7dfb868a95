import { NextResponse } from "next/server";
import { limitBody } from "@/lib/security/limit-body";
import { operatorFromRequest } from "./current-operator";
import type { ActiveSession } from "./operator-sessions";

// Lookout's JSON routes read; none takes a body worth more than this.
const MAX_BODY_BYTES = 1024;

type Handler<C> = (request: Request, context: C, operator: ActiveSession) => Promise<Response>;

/**
 * Wraps a JSON route: 401 without a live session (checked here, not only in the proxy), 413 for a
 * body past the cap, and never-cached answers either way.
 */
export function operatorRoute<C>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const operator = await operatorFromRequest(request);
    if (!operator) return NextResponse.json({ error: "Sign in to Lookout first." }, { status: 401, headers: { "cache-control": "no-store" } });
    const size = await limitBody(request, MAX_BODY_BYTES);
    if (!size.ok) return NextResponse.json({ error: size.message }, { status: size.status, headers: { "cache-control": "no-store" } });
    return handler(request, context, operator);
  };
}
