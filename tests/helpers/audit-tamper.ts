import Database from "better-sqlite3";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { runRawSql } from "./raw-sql";

/**
 * What someone who owns the database can do to the audit log: get past the append-only triggers, run
 * `statements`, and leave the triggers as they were. On SQLite, whoever has the file drops the triggers
 * and puts them back; on PostgreSQL, a superuser's session in replica mode fires no ordinary trigger.
 */
export async function tamperWithAuditLog(url: string, statements: string): Promise<void> {
  if (databaseProvider(url) === "postgres") {
    await runRawSql(url, statements, { setup: "SET LOCAL session_replication_role = replica" });
    return;
  }
  const sqlite = new Database(url.slice("file:".length));
  try {
    const triggers = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvent'`).all() as { name: string; sql: string }[];
    sqlite.transaction(() => {
      for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name}"`);
      sqlite.exec(statements);
      for (const { sql } of triggers) sqlite.exec(sql);
    })();
  } finally {
    sqlite.close();
  }
}
