import type { MaintenanceWindow, PrismaClient } from "@/lib/generated/prisma/client";

// Read-only queries for pages: unlike loadMaintenance they never close an expired window, so a page
// view writes nothing. A window past its end is simply not current here.

/** Windows silencing something at `now` (started, not ended, end not reached). */
export function findCurrentWindows(db: PrismaClient, now: Date): Promise<MaintenanceWindow[]> {
  return db.maintenanceWindow.findMany({ where: { endedAt: null, startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "desc" } });
}

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
