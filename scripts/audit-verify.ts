// npm run audit:verify — walks the whole audit chain and names the first row that no longer verifies.
import "dotenv/config";
import fs from "node:fs";
import type { AuditChainResult } from "../lib/audit/verify-audit-chain";
import { DEFAULT_DATABASE_URL, databaseProvider, redactUrl, type DatabaseProvider } from "../lib/database-provider.mjs";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

/** Text with the URL's password masked: a driver's error may quote the connection it tried. */
function withoutPassword(text: string): string {
  const password = URL.canParse(url) ? new URL(url).password : "";
  if (!password) return text;
  return [password, decodeURIComponent(password)].reduce((masked, p) => masked.split(p).join("***"), text);
}

function fail(message: string): never {
  console.error(`audit:verify: ${withoutPassword(message)}`);
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

let provider: DatabaseProvider;
try {
  provider = databaseProvider(url);
} catch (error) {
  fail((error as Error).message);
}
// Opening a missing SQLite file would create an empty database and report an empty, "valid" chain.
const file = url.slice("file:".length).split("?")[0]!;
if (provider === "sqlite" && !fs.existsSync(file)) fail(`cannot open the database: no file at ${file} (DATABASE_URL=${url})`);
const source = provider === "sqlite" ? file : redactUrl(url);

let result: AuditChainResult;
try {
  // Imported here so a bad environment is reported like any other failure to open the database.
  const [{ createDb }, { verifyAuditChain }] = await Promise.all([import("../lib/db/create-db"), import("../lib/audit/verify-audit-chain")]);
  const db = createDb(url);
  try {
    result = await verifyAuditChain(db);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  fail(`cannot read the audit log from ${source}: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(describe(result));
process.exit(result.ok ? 0 : 1);
