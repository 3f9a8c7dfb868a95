import { db as defaultDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ChainTip } from "./chain-audit-rows";
import { verifyAuditChain, type AuditChainResult } from "./verify-audit-chain";

type Db = Pick<PrismaClient, "auditEvent">;

const sameTip = (a: ChainTip | null, b: ChainTip | null) => a?.id === b?.id && a?.hash === b?.hash;

/**
 * The chain status for the audit page without walking 200k rows per request: the result is kept
 * per process, keyed by the newest row, and appended rows are verified from the last verified one,
 * so the steady state costs one primary-key read. A row this process already verified is not read
 * again: an edit to it shows in `npm run audit:verify` (which always walks everything) or after a
 * restart, not here. A changed or missing newest row, or a cached break, triggers a full walk.
 */
export function createAuditChainStatus(verify = verifyAuditChain) {
  let cached: { tip: ChainTip | null; result: AuditChainResult } | null = null;
  let pending: Promise<AuditChainResult> | null = null;

  async function refresh(db: Db, tip: ChainTip | null): Promise<AuditChainResult> {
    const base = cached?.result.ok && cached.tip && tip && tip.id > cached.tip.id ? cached.result : null;
    const next = await verify(db, base ? { after: cached!.tip! } : {});
    const result: AuditChainResult = !base
      ? next
      : next.ok
        ? { ...next, rows: base.rows + next.rows, unchained: base.unchained + next.unchained }
        : { ...next, rows: base.rows + next.rows };
    // A clean walk may have read past `tip` (rows appended meanwhile): key it by what it read.
    cached = { tip: result.ok ? result.last : tip, result };
    return result;
  }

  return async function getAuditChainStatus(db: Db = defaultDb): Promise<AuditChainResult> {
    const tip = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
    if (cached && sameTip(cached.tip, tip)) return cached.result;
    // Concurrent requests share one walk rather than each starting their own.
    pending ??= refresh(db, tip).finally(() => (pending = null));
    return pending;
  };
}

/** The audit page's per-process status. */
export const getAuditChainStatus = createAuditChainStatus();
