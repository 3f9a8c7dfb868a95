import { z } from "zod";
import { db as defaultDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { probeNameSchema } from "@/lib/probes/types";
import { auditSeamSchema } from "./seams";

const PAGE_SIZE = 50;

/** The audit page's query string. A bad value is dropped (the default applies), never an error page. */
export const auditQuery = z.object({
  seam: auditSeamSchema.optional().catch(undefined),
  probe: probeNameSchema.optional().catch(undefined),
  session: z.string().trim().min(1).max(200).optional().catch(undefined),
  cursor: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditRow {
  id: number;
  seam: string;
  sessionId: string | null;
  probe: string | null;
  actor: string;
  createdAt: string;
  details: unknown;
}

/** Newest first, keyset-paginated on the autoincrement id, so page N costs the same as page 1. */
export async function listAuditEvents(
  query: AuditQuery,
  { db = defaultDb, pageSize = PAGE_SIZE }: { db?: PrismaClient; pageSize?: number } = {},
): Promise<{ rows: AuditRow[]; nextCursor: number | null }> {
  const rows = await db.auditEvent.findMany({
    where: {
      ...(query.seam ? { seam: query.seam } : {}),
      ...(query.probe ? { probe: query.probe } : {}),
      ...(query.session ? { sessionId: query.session } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  return {
    rows: page.map((r) => ({
      id: r.id,
      seam: r.seam,
      sessionId: r.sessionId,
      probe: r.probe,
      actor: r.actor,
      createdAt: r.createdAt.toISOString(),
      details: parseJson(r.details),
    })),
    nextCursor: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null,
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
