// GET /api/dashboard — the health cards' live data
import { getDashboard } from "@/lib/dashboard/get-dashboard";

export const dynamic = "force-dynamic";

export async function GET() {
  // Only computed figures leave the server; raw snapshot details (already redacted) stay behind.
  return Response.json(await getDashboard(), { headers: { "cache-control": "no-store" } });
}
