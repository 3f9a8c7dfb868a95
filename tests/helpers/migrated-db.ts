import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Creates a fresh SQLite file with every committed migration applied; returns its file: URL. */
export function createMigratedDatabase(label = "test"): { url: string; file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lookout-${label}-`));
  const file = path.join(dir, "lookout.db");
  const sqlite = new Database(file);
  for (const name of fs.readdirSync(migrationsDir).filter((n) => !n.endsWith(".toml")).sort()) {
    sqlite.exec(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return { url: `file:${file}`, file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
