// GET /api/investigations/[sessionId] — one incident's timeline, for live refresh
import { NextResponse } from "next/server";
import { operatorRoute } from "@/lib/auth/operator-route";
import { decodeSessionParam, snapshotCursorQuery } from "@/lib/timeline/timeline-params";
import { getTimeline } from "@/lib/timeline/get-timeline";

export const dynamic = "force-dynamic";

export const GET = operatorRoute(async (request, { params }: { params: Promise<{ sessionId: string }> }) => {
  const sessionId = decodeSessionParam((await params).sessionId);
  const cursor = snapshotCursorQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const timeline = sessionId === null ? null : await getTimeline(sessionId, { snapshots: cursor });
  if (!timeline) return NextResponse.json({ error: "No incident has this session id." }, { status: 404, headers: { "cache-control": "no-store" } });
  return NextResponse.json(timeline, { headers: { "cache-control": "no-store" } });
});
