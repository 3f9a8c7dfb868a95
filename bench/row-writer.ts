import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider } from "../lib/database-provider.mjs";

export type Row = (string | number | null | Date)[];

/** Bulk inserts for seeding, on either provider: far faster than Prisma for hundreds of thousands of rows. */
export interface RowWriter {
  first<T>(sql: string): Promise<T | undefined>;
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

// Matches how the Prisma SQLite adapter stores DateTime, so Prisma's queries read these rows as its own.
const sqliteValue = (v: Row[number]) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
// timestamptz takes the ISO string with its Z as UTC.
const postgresValue = (v: Row[number]) => (v instanceof Date ? v.toISOString() : v);

const quote = (name: string) => `"${name}"`;
// Postgres allows 65,535 parameters per statement.
const PG_PARAMETERS = 60_000;

export async function openRowWriter(url: string): Promise<RowWriter> {
  if (databaseProvider(url) === "sqlite") {
    const sqlite = new Database(url.replace(/^file:/, ""));
    return {
      first: async <T>(sql: string) => sqlite.prepare(sql).get() as T | undefined,
      async insert(table, columns, rows) {
        const statement = sqlite.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        sqlite.transaction(() => {
          for (const row of rows) statement.run(...row.map(sqliteValue));
        })();
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    first: async <T>(sql: string) => (await client.query(sql)).rows[0] as T | undefined,
    async insert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(PG_PARAMETERS / columns.length));
      await client.query("BEGIN");
      for (let start = 0; start < rows.length; start += perStatement) {
        const batch = rows.slice(start, start + perStatement);
        const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
        await client.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${values.join(", ")}`, batch.flat().map(postgresValue));
      }
      // Explicit ids do not move a serial column's sequence: the next row Lookout writes must not collide.
      if (columns.includes("id") && typeof rows[0]?.[columns.indexOf("id")] === "number") {
        await client.query(`SELECT setval(pg_get_serial_sequence('${quote(table)}', 'id'), (SELECT MAX("id") FROM ${quote(table)}))`);
      }
      await client.query("COMMIT");
    },
    close: () => client.end(),
  };
}
