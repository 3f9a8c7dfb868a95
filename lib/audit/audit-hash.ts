import { createHash } from "node:crypto";

/** The prevHash of the first chained row. */
export const GENESIS_HASH = "0".repeat(64);

// Bumped if the serialization ever changes, so an old row can never collide with a new format.
const FORMAT = "lookout-audit-v1";

export interface HashableAuditRow {
  id: number;
  seam: string;
  sessionId: string | null;
  probe: string | null;
  actor: string;
  /** The stored JSON text, byte for byte: re-serializing parsed details could hide an edit. */
  details: string;
  /** ISO 8601 with milliseconds, as `Date#toISOString` gives it. */
  createdAt: string;
}

/**
 * sha256 hex over the row and its predecessor's hash. A JSON array in a fixed order is unambiguous:
 * strings are quoted and escaped, and null stays distinct from "null" or "".
 */
export function hashAuditRow(row: HashableAuditRow, prevHash: string): string {
  const canonical = JSON.stringify([FORMAT, row.id, row.seam, row.sessionId, row.probe, row.actor, row.details, row.createdAt, prevHash]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
