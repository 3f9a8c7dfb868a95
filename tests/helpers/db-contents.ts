import fs from "node:fs";
import path from "node:path";
import { dialectOf } from "@/lib/db/dialect";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Lookout's tables, by name: the provider's catalogue, without its own bookkeeping or the migrations ledger. */
export async function listTables(db: PrismaClient): Promise<string[]> {
  const rows =
    dialectOf(db).provider === "postgres"
      ? // information_schema's names are of type `name`, which the driver cannot read back: cast to text.
        await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name::text AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows
    .map((r) => r.name)
    .filter((name) => name !== "_prisma_migrations")
    .sort();
}

/** Every table's full content, table by table: an UPDATE shows up as surely as an INSERT. */
export async function readEveryTable(db: PrismaClient): Promise<[string, unknown[]][]> {
  const tables = await listTables(db);
  return Promise.all(tables.map(async (name): Promise<[string, unknown[]]> => [name, await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`)]));
}

/**
 * The bytes the database keeps on disk, where a deleted row or an old version of one can linger: the
 * SQLite file and its WAL, or this PostgreSQL database's relation files once a checkpoint has written them.
 * PostgreSQL compresses large values, so there only the rows themselves are certain to be readable.
 */
export async function readDatabaseFiles(db: PrismaClient, url: string): Promise<Buffer> {
  if (dialectOf(db).provider === "postgres") {
    await db.$executeRawUnsafe("CHECKPOINT");
    const [where] = await db.$queryRawUnsafe<{ dir: string }[]>(
      `SELECT current_setting('data_directory') || '/base/' || oid::text AS "dir" FROM pg_database WHERE datname = current_database()`,
    );
    const dir = where!.dir;
    return Buffer.concat(fs.readdirSync(dir).map((file) => fs.readFileSync(path.join(dir, file))));
  }
  const file = url.slice("file:".length);
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}
