import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { MigrationError, POSTGRES_MIGRATIONS_DIR, migratePostgres, readMigrations } from "../../scripts/migrate-postgres.mjs";

// The PostgreSQL migration runner on empty databases of the tests' embedded PostgreSQL (created empty, not
// from the migrated template). Runs in the integration:postgres project only.

const repo = path.resolve(import.meta.dirname, "../..");
const adminUrl = inject("postgresAdminUrl");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-migrate-"));
const created: string[] = [];

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database with nothing in it: no tables, no `_prisma_migrations`. */
async function emptyDatabase(): Promise<string> {
  const name = `lookout_migrate_${randomBytes(5).toString("hex")}`;
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  if (adminUrl) await withClient(adminUrl, async (admin) => void (await Promise.all(created.map((name) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))));
});

/** A migrations folder: the committed ones, then `extra` (name → SQL), with `edit` applied to the committed files. */
function migrationsDir(extra: Record<string, string>, edit: (name: string, sql: string) => string = (_, sql) => sql): string {
  const dir = fs.mkdtempSync(path.join(scratch, "migrations-"));
  for (const m of readMigrations()) {
    fs.mkdirSync(path.join(dir, m.name));
    fs.writeFileSync(path.join(dir, m.name, "migration.sql"), edit(m.name, m.sql));
  }
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const historyOf = (url: string) =>
  withClient(url, async (c) => (await c.query(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`)).rows as Record<string, unknown>[]);
const tableExists = (url: string, table: string) => withClient(url, async (c) => (await c.query(`SELECT to_regclass($1) AS t`, [`"${table}"`])).rows[0].t !== null);

const committed = fs
  .readdirSync(POSTGRES_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe.runIf(adminUrl)("migratePostgres", () => {
  it("applies every migration once, recorded as Prisma records it; a second run applies nothing", async () => {
    const url = await emptyDatabase();
    expect(await migratePostgres(url)).toEqual(committed);
    const rows = await historyOf(url);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(POSTGRES_MIGRATIONS_DIR, String(row.migration_name), "migration.sql"));
      expect(row).toMatchObject({ checksum: createHash("sha256").update(sql).digest("hex"), applied_steps_count: 1, rolled_back_at: null, logs: null });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
    expect(await tableExists(url, "SignInFailure")).toBe(true);

    expect(await migratePostgres(url)).toEqual([]);
    expect(await historyOf(url)).toEqual(rows);
  });

  it("migrates once when two runs start at the same moment on an empty database", async () => {
    const url = await emptyDatabase();
    const [one, two] = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    expect([...one, ...two].sort()).toEqual(committed);
    expect((await historyOf(url)).map((r) => r.migration_name)).toEqual(committed);
  });

  it("refuses a database migrated by a newer Lookout, naming the migration it does not know, and applies nothing", async () => {
    const url = await emptyDatabase();
    await migratePostgres(url);
    await migratePostgres(url, { dir: migrationsDir({ "20991231000000_from_a_newer_lookout": `CREATE TABLE "Newer" ("id" INTEGER);` }) });
    const olderCode = migrationsDir({ "20991230000000_pending_here": `CREATE TABLE "Pending" ("id" INTEGER);` });
    const attempt = migratePostgres(url, { dir: olderCode });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(/the database has migration 20991231000000_from_a_newer_lookout, which this version of Lookout does not know/);
    expect(await tableExists(url, "Pending")).toBe(false);
    expect((await historyOf(url)).map((r) => r.migration_name)).not.toContain("20991230000000_pending_here");
  });

  it("refuses a committed migration edited after it was applied, naming it", async () => {
    const url = await emptyDatabase();
    await migratePostgres(url);
    const [first] = committed;
    const edited = migrationsDir({}, (name, sql) => (name === first ? `${sql}\n-- edited afterwards\n` : sql));
    const attempt = migratePostgres(url, { dir: edited });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`migration ${first} in the database differs from prisma/postgres/migrations/${first}/migration\\.sql \\(checksum [0-9a-f]{12}… against [0-9a-f]{12}…\\): a committed migration was edited`));
  });

  it("rolls back a migration that fails halfway, naming it, and applies it once it is fixed", async () => {
    const url = await emptyDatabase();
    const name = "20991231000000_fails_halfway";
    const broken = migrationsDir({ [name]: `CREATE TABLE "Halfway" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);` });
    const attempt = migratePostgres(url, { dir: broken });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`^Migration ${name} failed and was rolled back: relation "NoSuchTable" does not exist$`));
    // The migrations before it stay applied; nothing of it is left, not even an unfinished row.
    expect(await tableExists(url, "Halfway")).toBe(false);
    expect((await historyOf(url)).map((r) => r.migration_name)).toEqual(committed);

    const fixed = migrationsDir({ [name]: `CREATE TABLE "Halfway" ("id" INTEGER);` });
    expect(await migratePostgres(url, { dir: fixed })).toEqual([name]);
    expect(await tableExists(url, "Halfway")).toBe(true);
  });
});

/** Runs a script the way npm does, with only the variables given (plus PATH), so nothing leaks in from the tests. */
function runScript(script: string, env: Record<string, string>) {
  const only: Record<string, string | undefined> = { PATH: process.env.PATH, ...env };
  const run = spawnSync(process.execPath, [script], { cwd: repo, env: only as NodeJS.ProcessEnv, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe.runIf(adminUrl)("node scripts/migrate.mjs and npm start on PostgreSQL", () => {
  const password = adminUrl ? new URL(adminUrl).password : "";

  it("migrates and exits 0; a database it cannot reach exits 1 with a clear line and no password", async () => {
    const url = await emptyDatabase();
    const ok = runScript("scripts/migrate.mjs", { DATABASE_URL: url });
    expect(ok.output).toContain(`[lookout] migrate: applied ${committed[0]}`);
    expect(ok.output).toContain("[lookout] database is up to date");
    expect(ok.status).toBe(0);
    expect(runScript("scripts/migrate.mjs", { DATABASE_URL: url }).output).toContain("[lookout] migrate: no pending migrations");

    const wrong = "wrong-password-never-shown-42";
    const refused = runScript("scripts/migrate.mjs", { DATABASE_URL: url.replace(`:${password}@`, `:${wrong}@`) });
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/^\[lookout\] database migration failed on postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/lookout_migrate_\w+: password authentication failed for user "postgres"$/m);
    expect(refused.output).not.toContain(wrong);

    const unreachable = runScript("scripts/migrate.mjs", { DATABASE_URL: "postgresql://lookout:unreachable-pw-77@127.0.0.1:1/lookout" });
    expect(unreachable.status).toBe(1);
    expect(unreachable.output).toMatch(/^\[lookout\] database migration failed on postgresql:\/\/lookout:\*\*\*@127\.0\.0\.1:1\/lookout: connect ECONNREFUSED/m);
    expect(unreachable.output).not.toContain("unreachable-pw-77");
    for (const run of [ok, refused]) expect(run.output).not.toContain(password);
  });

  it("npm start without LOOKOUT_SESSION_SECRET stops before touching the database, naming the variable", async () => {
    const url = await emptyDatabase();
    const run = runScript("scripts/start.mjs", { DATABASE_URL: url });
    expect(run.status).toBe(1);
    expect(run.output).toBe(
      "[lookout] Invalid configuration:\n  - LOOKOUT_SESSION_SECRET: is required when DATABASE_URL is PostgreSQL (every instance must sign sessions with the same key; e.g. openssl rand -base64 32)\nFix this in .env (see .env.example) and start again.\n",
    );
    expect(await tableExists(url, "_prisma_migrations")).toBe(false);
  });
});
