import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseStoredDetails } from "@/lib/probes/stored-details";
import type { ProbeName } from "@/lib/probes/types";

export interface RecentSnapshot {
  observedAt: string;
  status: string;
  error: string | null;
  latencyMs?: number;
  details?: unknown;
}

/**
 * A probe's latest snapshots, newest first, in one query. Details are heavy, so the prompt gets the
 * timeline only and the `recent_snapshots` tool asks for details when the model wants them.
 */
export async function listRecentSnapshots(
  db: PrismaClient,
  probe: ProbeName,
  { limit, withDetails }: { limit: number; withDetails: boolean },
): Promise<RecentSnapshot[]> {
  const rows = await db.probeSnapshot.findMany({
    where: { probe },
    orderBy: { observedAt: "desc" },
    take: limit,
    select: { observedAt: true, status: true, error: true, latencyMs: true, details: withDetails },
  });
  return rows.map((r) => ({
    observedAt: r.observedAt.toISOString(),
    status: r.status,
    error: r.error,
    ...(withDetails ? { latencyMs: r.latencyMs, details: parseStoredDetails(r.details) } : {}),
  }));
}
