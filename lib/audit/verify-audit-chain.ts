import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH, hashAuditRow } from "./audit-hash";
import type { ChainTip } from "./chain-audit-rows";

export type ChainBreak = "content changed" | "chain link broken" | "missing hash";

export type AuditChainResult =
  | { ok: true; rows: number; unchained: number; last: ChainTip | null }
  | { ok: false; rows: number; brokenAt: { id: number; seam: string; createdAt: string; reason: ChainBreak } };

export interface VerifyOptions {
  batch?: number;
  /** Resume after a row already verified (the `last` of an earlier walk) instead of from the first row. */
  after?: ChainTip;
}

const columns = { id: true, seam: true, sessionId: true, probe: true, actor: true, details: true, createdAt: true, prevHash: true, hash: true } as const;

type StoredRow = Awaited<ReturnType<typeof readBatch>>[number];

function readBatch(db: Pick<PrismaClient, "auditEvent">, afterId: number, take: number) {
  return db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take, select: columns });
}

/** Why this row breaks the chain, given the hash of the chained row before it (null: none yet). */
function checkRow(row: StoredRow, createdAt: string, prevHash: string | null): ChainBreak | null {
  if (row.hash === null) return prevHash === null ? null : "missing hash";
  if (row.prevHash !== (prevHash ?? GENESIS_HASH)) return "chain link broken";
  if (hashAuditRow({ ...row, createdAt }, row.prevHash) !== row.hash) return "content changed";
  return null;
}

/**
 * Walks the log in id order, a batch at a time so memory stays flat, recomputing every hash and
 * checking each row points at the hash of the row before it; a removed row breaks the next link.
 * Rows before the first chained one predate the chain: they are counted as unchained, not broken.
 * `rows` counts the rows read, including the broken one; `last` is the newest row read (or `after`).
 */
export async function verifyAuditChain(db: Pick<PrismaClient, "auditEvent">, { batch = 5000, after }: VerifyOptions = {}): Promise<AuditChainResult> {
  const take = Math.max(1, Math.floor(batch));
  let prevHash = after?.hash ?? null;
  let last = after ?? null;
  let rows = 0;
  let unchained = 0;
  for (;;) {
    const page = await readBatch(db, last?.id ?? 0, take);
    for (const row of page) {
      rows += 1;
      const createdAt = row.createdAt.toISOString();
      const reason = checkRow(row, createdAt, prevHash);
      if (reason) return { ok: false, rows, brokenAt: { id: row.id, seam: row.seam, createdAt, reason } };
      if (row.hash === null) unchained += 1;
      else prevHash = row.hash;
      last = { id: row.id, hash: row.hash };
    }
    if (page.length < take) return { ok: true, rows, unchained, last };
  }
}
