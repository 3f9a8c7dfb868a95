// Applies prisma/postgres/migrations to a PostgreSQL database. Prisma's own migrate commands cannot run
// through the driver adapter offline (prisma/orm#27403), so this does what `prisma migrate deploy` does:
// under Prisma's advisory lock (so two instances starting together migrate once, the other waits), each
// pending migration in its own transaction, recorded in `_prisma_migrations` exactly as Prisma records it
// (sha256 checksum of migration.sql, started/finished timestamps, applied steps), so that a native
// `prisma migrate status` agrees with it later.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const POSTGRES_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/postgres/migrations");

// The key `prisma migrate` itself locks with, so this runner and a native Prisma never migrate at once.
const PRISMA_MIGRATE_LOCK = 72707369;

export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(message) {
    super(message);
    this.name = "MigrationError";
  }
}

/** The committed migrations, oldest first, with Prisma's checksum of each. */
export function readMigrations(dir = POSTGRES_MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Why the database cannot be migrated by this code, or null. Rows are the applied `_prisma_migrations` rows. */
export function checkHistory(applied, known) {
  const byName = new Map(known.map((m) => [m.name, m]));
  for (const row of applied) {
    if (row.rolled_back_at) continue;
    const mine = byName.get(row.migration_name);
    if (!mine) {
      return `the database has migration ${row.migration_name}, which this version of Lookout does not know: it was migrated by a newer Lookout. Run that version, or restore a backup taken before it.`;
    }
    if (!row.finished_at) {
      return `migration ${row.migration_name} started at ${new Date(row.started_at).toISOString()} and never finished. Check the database by hand, then delete its row from "_prisma_migrations" to retry it.`;
    }
    if (row.checksum !== mine.checksum) {
      return `migration ${row.migration_name} in the database differs from prisma/postgres/migrations/${row.migration_name}/migration.sql (checksum ${row.checksum.slice(0, 12)}… against ${mine.checksum.slice(0, 12)}…): a committed migration was edited. Restore the file as it was applied.`;
    }
  }
  return null;
}

/**
 * Brings the database up to date; returns the names it applied (empty when it was already up to date).
 * Throws MigrationError, with a message for the operator, when the history does not match this code.
 */
export async function migratePostgres(url, { dir = POSTGRES_MIGRATIONS_DIR, log = () => {} } = {}) {
  const known = readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query(`SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "started_at" FROM "_prisma_migrations" ORDER BY "started_at"`);
    const problem = checkHistory(rows, known);
    if (problem) throw new MigrationError(`Cannot start: ${problem}`);
    const done = new Set(rows.filter((r) => !r.rolled_back_at).map((r) => r.migration_name));
    const applied = [];
    for (const migration of known.filter((m) => !done.has(m.name))) {
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at") VALUES ($1, $2, $3, now())`, [id, migration.checksum, migration.name]);
        await client.query(migration.sql);
        await client.query(`UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`, [id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
      log(`applied ${migration.name}`);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.end().catch(() => {});
  }
}
