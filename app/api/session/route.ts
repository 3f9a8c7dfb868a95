// GET /api/session — who is signed in and until when; 401 once the session has ended
import { NextResponse } from "next/server";
import { operatorRoute } from "@/lib/auth/operator-route";

export const dynamic = "force-dynamic";

export const GET = operatorRoute(async (_request, _context, session) =>
  NextResponse.json({ operator: session.operator, expiresAt: session.expiresAt.toISOString() }, { headers: { "cache-control": "no-store" } }),
);
