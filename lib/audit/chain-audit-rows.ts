import { GENESIS_HASH, hashAuditRow, type HashableAuditRow } from "./audit-hash";

/** The newest stored row, or null on an empty log. A null hash means it predates the chain. */
export interface ChainTip {
  id: number;
  hash: string | null;
}

type UnchainedRow = Omit<HashableAuditRow, "id" | "createdAt"> & { createdAt: Date };
export type ChainedRow<T> = T & { id: number; prevHash: string; hash: string };

/**
 * Gives each new row, in order, the next id after `tip` and the hash linking it to the row before.
 * Ids are assigned here rather than by AUTOINCREMENT so the stored hash covers the stored id.
 * Rows written before the chain existed are not linked: the first chained row starts from genesis.
 */
export function chainAuditRows<T extends UnchainedRow>(tip: ChainTip | null, rows: readonly T[]): ChainedRow<T>[] {
  let id = tip?.id ?? 0;
  let prevHash = tip?.hash ?? GENESIS_HASH;
  return rows.map((row) => {
    id += 1;
    const hash = hashAuditRow({ ...row, id, createdAt: row.createdAt.toISOString() }, prevHash);
    const chained = { ...row, id, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}
