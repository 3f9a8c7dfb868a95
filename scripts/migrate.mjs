// npm run db:migrate (and npm start): brings DATABASE_URL's database up to date with the committed migrations.
// SQLite: `prisma migrate deploy`. PostgreSQL: scripts/migrate-postgres.mjs (see there for why).
import "dotenv/config";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_DATABASE_URL, databaseProvider, redactUrl } from "../lib/database-provider.mjs";
import { migratePostgres } from "./migrate-postgres.mjs";

/** Migrates; returns true when the database is up to date, after printing why not otherwise. */
export async function migrateDatabase(env) {
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  let provider;
  try {
    provider = databaseProvider(url);
  } catch (error) {
    console.error(`[lookout] ${error.message}`);
    return false;
  }
  if (provider === "sqlite") {
    fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
    const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "pipe", "inherit"], env: { ...env, DATABASE_URL: url } });
    if (migrate.status !== 0) {
      console.error("[lookout] database migration failed (see above); check DATABASE_URL.");
      return false;
    }
    return true;
  }
  try {
    const applied = await migratePostgres(url, { log: (line) => console.log(`[lookout] migrate: ${line}`) });
    if (applied.length === 0) console.log("[lookout] migrate: no pending migrations");
    return true;
  } catch (error) {
    console.error(`[lookout] database migration failed on ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const ok = await migrateDatabase({ ...process.env });
  if (ok) console.log("[lookout] database is up to date");
  process.exit(ok ? 0 : 1);
}
