import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider } from "@/lib/database-provider.mjs";

/**
 * Runs `statements` on their own connection to the database at `url`, as someone at a SQL console
 * would, outside Lookout's client; `setup` runs first in the same transaction (PostgreSQL only: a
 * SQLite console has no session settings worth having).
 */
export async function runRawSql(url: string, statements: string, { setup }: { setup?: string } = {}): Promise<void> {
  if (databaseProvider(url) === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      if (setup) await client.query(setup);
      await client.query(statements);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(url.slice("file:".length));
  try {
    sqlite.exec(statements);
  } finally {
    sqlite.close();
  }
}
