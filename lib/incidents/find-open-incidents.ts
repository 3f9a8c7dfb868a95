import { db as defaultDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface OpenIncident {
  sessionId: string;
  probe: string;
  category: string;
  severity: string;
  title: string;
  openedAt: string;
  issueCount: number;
}

/** Every open incident, critical first then newest; the (probe, resolvedAt) index keeps this small. */
export async function findOpenIncidents({ db = defaultDb }: { db?: PrismaClient } = {}): Promise<OpenIncident[]> {
  const rows = await db.incident.findMany({
    where: { resolvedAt: null },
    orderBy: { openedAt: "desc" },
    select: { sessionId: true, probe: true, category: true, severity: true, title: true, openedAt: true, issueCount: true },
  });
  return rows
    .map((r) => ({ ...r, openedAt: r.openedAt.toISOString() }))
    .sort((a, b) => Number(b.severity === "critical") - Number(a.severity === "critical"));
}
