import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { db } from "@/lib/db";
import { tamperWithAuditLog } from "../helpers/audit-tamper";

// npm run audit:verify on this file's own database, SQLite or PostgreSQL: its exit codes and messages,
// and never the database password.

const url = process.env.DATABASE_URL!;
const onPostgres = databaseProvider(url) === "postgres";
const password = onPostgres ? new URL(url).password : null;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-audit-verify-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// Without LOOKOUT_SESSION_SECRET, which the server needs on PostgreSQL: verifying needs only the URL.
function runVerifyScript(databaseUrl: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.LOOKOUT_SESSION_SECRET;
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], { cwd: path.resolve(import.meta.dirname, "../.."), env, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
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

    await tamperWithAuditLog(url, `UPDATE "AuditEvent" SET "details" = '{"n":20}' WHERE "id" = ${rows[1]!.id}`);
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
