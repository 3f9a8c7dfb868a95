// npm run audit:verify — walks the whole audit chain and names the first row that no longer verifies.
import "dotenv/config";
import fs from "node:fs";
import type { AuditChainResult } from "../lib/audit/verify-audit-chain";

const url = process.env.DATABASE_URL || "file:./data/lookout.db";

function fail(message: string): never {
  console.error(`audit:verify: ${message}`);
  process.exit(2);
}

function describe(result: AuditChainResult): string {
  if (!result.ok) {
    const { id, seam, createdAt, reason } = result.brokenAt;
    return `audit chain BROKEN at row ${id} (${seam}, ${createdAt}): ${reason}`;
  }
  const older = result.unchained > 0 ? ` (${result.unchained} older rows predate the chain and are not covered)` : "";
  return `audit chain OK: ${result.rows - result.unchained} rows verified${older}`;
}

if (!url.startsWith("file:")) fail(`DATABASE_URL must be a SQLite file URL like file:./data/lookout.db (got "${url}")`);
// Opening a missing file would create an empty database and report an empty, "valid" chain.
const file = url.slice("file:".length).split("?")[0]!;
if (!fs.existsSync(file)) fail(`cannot open the database: no file at ${file} (DATABASE_URL=${url})`);

let result: AuditChainResult;
try {
  // Imported here so a bad environment is reported like any other failure to open the database.
  const [{ createDb }, { verifyAuditChain }] = await Promise.all([import("../lib/db"), import("../lib/audit/verify-audit-chain")]);
  const db = createDb(url);
  try {
    result = await verifyAuditChain(db);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  fail(`cannot read the audit log from ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(describe(result));
process.exit(result.ok ? 0 : 1);
