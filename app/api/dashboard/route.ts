// GET /api/dashboard — the health cards' live data
import { NextResponse } from "next/server";
import { operatorRoute } from "@/lib/auth/operator-route";
import { getDashboard } from "@/lib/dashboard/get-dashboard";

export const dynamic = "force-dynamic";

export const GET = operatorRoute(async () =>
  // Only computed figures leave the server; raw snapshot details (already redacted) stay behind.
  NextResponse.json(await getDashboard(), { headers: { "cache-control": "no-store" } }),
);
