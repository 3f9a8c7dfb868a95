import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { db } from "@/lib/db";

// npm run audit:verify on this file's own database, SQLite or PostgreSQL: its exit codes and messages,
// and never the database password.

const url = process.env.DATABASE_URL!;
const onPostgres = databaseProvider(url) === "postgres";
const password = onPostgres ? new URL(url).password : null;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-audit-verify-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function runVerifyScript(databaseUrl: string) {
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], { cwd: path.resolve(import.meta.dirname, "../.."), env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** What someone with direct access to the database can do: lift the append-only triggers, edit, put them back. */
async function editAuditRow(id: number, details: string) {
  if (onPostgres) {
    await db.$transaction([
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`),
      db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = $1 WHERE "id" = $2`, details, id),
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`),
    ]);
    return;
  }
  const sqlite = new Database(url.slice("file:".length));
  const triggers = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvent'`).all() as { sql: string }[];
  sqlite.exec(`DROP TRIGGER "AuditEvent_no_update"; DROP TRIGGER "AuditEvent_no_delete";`);
  sqlite.prepare(`UPDATE "AuditEvent" SET details = ? WHERE id = ?`).run(details, id);
  for (const { sql } of triggers) sqlite.exec(sql);
  sqlite.close();
}

/** Another database of the same kind that does not exist. */
function missingDatabaseUrl(): string {
  return onPostgres ? url.replace(/\/[^/]*$/, "/lookout_no_such_database") : `file:${path.join(scratch, "missing.db")}`;
}

describe("npm run audit:verify", () => {
  it("exits 0 on an untouched log, 1 naming the edited row, 2 without a database; the password never shows", async () => {
    await db.$transaction((tx) => writeAuditEvents(tx, [1, 2, 3].map((n) => ({ seam: "envelope.toggled", actor: "operator", probe: "fly", details: { n } }))));
    const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } });

    const clean = runVerifyScript(url);
    expect(clean.output).toContain(`audit chain OK: ${rows.length} rows verified`);
    expect(clean.status).toBe(0);

    await editAuditRow(rows[1]!.id, JSON.stringify({ n: 20 }));
    const broken = runVerifyScript(url);
    expect(broken.output).toMatch(new RegExp(`audit chain BROKEN at row ${rows[1]!.id} \\(envelope\\.toggled, [^)]+\\): content changed`));
    expect(broken.status).toBe(1);

    const missing = runVerifyScript(missingDatabaseUrl());
    expect(missing.output).toMatch(onPostgres ? /^audit:verify: cannot read the audit log from postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/lookout_no_such_database: / : /cannot open the database/);
    expect(missing.status).toBe(2);

    for (const { output } of [clean, broken, missing]) if (password) expect(output).not.toContain(password);
  }, 90_000);

  it.runIf(onPostgres)("refuses a wrong password with exit 2, printing neither password", () => {
    const wrong = "wrong-password-never-shown-42";
    const run = runVerifyScript(url.replace(`:${password}@`, `:${wrong}@`));
    expect(run.status).toBe(2);
    expect(run.output).toMatch(/^audit:verify: cannot read the audit log from postgresql:\/\/postgres:\*\*\*@/);
    expect(run.output).not.toContain(wrong);
    expect(run.output).not.toContain(password!);
  }, 60_000);

  it("refuses a DATABASE_URL of neither kind with exit 2, naming the accepted forms without the password", () => {
    const run = runVerifyScript("mysql://root:mysql-secret-pw@localhost/lookout");
    expect(run.status).toBe(2);
    expect(run.output).toContain("DATABASE_URL must be a SQLite file URL like file:./data/lookout.db or a PostgreSQL URL");
    expect(run.output).not.toContain("mysql-secret-pw");
  }, 60_000);
});
