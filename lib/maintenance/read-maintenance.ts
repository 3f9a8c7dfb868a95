import type { MaintenanceWindow, PrismaClient } from "@/lib/generated/prisma/client";

// A read-only query for the timeline: a page view never closes an expired window, it writes nothing.

/**
 * Windows covering `probe` (or all probes) that silenced anything between `from` and `to`, oldest first.
 * A scheduled window cancelled before it started silenced nothing and is left out.
 */
export async function findWindowsOverlapping(db: PrismaClient, { probe, from, to }: { probe: string | null; from: Date; to: Date }): Promise<MaintenanceWindow[]> {
  const windows = await db.maintenanceWindow.findMany({
    where: {
      ...(probe ? { OR: [{ probe }, { probe: null }] } : { probe: null }),
      startsAt: { lte: to },
      AND: [{ OR: [{ endedAt: { gte: from } }, { endedAt: null, endsAt: { gte: from } }] }],
    },
    orderBy: { startsAt: "asc" },
    take: 50,
  });
  return windows.filter((w) => (w.endedAt ?? w.endsAt) > w.startsAt);
}
