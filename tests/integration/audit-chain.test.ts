import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GENESIS_HASH } from "@/lib/audit/audit-hash";
import { chainAuditRows } from "@/lib/audit/chain-audit-rows";
import { createAuditChainStatus } from "@/lib/audit/get-audit-chain-status";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { writeAuditEvent, writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { createDb, db } from "@/lib/db";
import { createMigratedDatabase } from "../helpers/migrated-db";

const liveFile = () => process.env.DATABASE_URL!.slice("file:".length);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-audit-chain-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const event = (n: number): AuditEventInput => ({ seam: "envelope.toggled", actor: "operator", probe: "fly", details: { n, before: n % 2 === 0, after: n % 2 === 1 } });

/** Writes rows the way Lookout does: single and batched writes across several transactions. */
async function writeSomeRows(): Promise<number[]> {
  const first = await db.$transaction((tx) => writeAuditEvent(tx, event(1)));
  await db.$transaction((tx) => writeAuditEvents(tx, [event(2), event(3), event(4)]));
  await db.$transaction(async (tx) => {
    await writeAuditEvent(tx, event(5));
    await writeAuditEvents(tx, [event(6), event(7)]);
  });
  const rows = await db.auditEvent.findMany({ where: { id: { gte: first } }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** A consistent copy of the live log, so tampering with it leaves the other tests' database intact. */
function copyOfLog(name: string) {
  const file = path.join(scratch, `${name}.db`);
  const live = new Database(liveFile());
  live.prepare("VACUUM INTO ?").run(file);
  live.close();
  return { file, url: `file:${file}` };
}

/** What an attacker with the file can do: lift the append-only triggers, edit, put them back. */
function tamper(file: string, sql: string, ...params: unknown[]) {
  const sqlite = new Database(file);
  sqlite.exec(`DROP TRIGGER "AuditEvent_no_update"; DROP TRIGGER "AuditEvent_no_delete";`);
  sqlite.prepare(sql).run(...params);
  sqlite.exec(`
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only: UPDATE refused');
END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only: DELETE refused');
END;`);
  sqlite.close();
}

async function verifyFile(url: string) {
  const copy = createDb(url);
  try {
    return await verifyAuditChain(copy, { batch: 3 });
  } finally {
    await copy.$disconnect();
  }
}

function runVerifyScript(url: string) {
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], { cwd: path.resolve(import.meta.dirname, "../.."), env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("the audit hash chain", () => {
  it("links every row written, single or batched, across transactions, and verifies untouched", async () => {
    const ids = await writeSomeRows();
    expect(ids).toEqual(Array.from({ length: 7 }, (_, i) => ids[0]! + i));
    const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    rows.forEach((row, i) => {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prevHash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
    });
    expect(await verifyAuditChain(db, { batch: 2 })).toEqual({ ok: true, rows: rows.length, unchained: 0, last: { id: rows.at(-1)!.id, hash: rows.at(-1)!.hash } });
  });

  it("names the row whose details were edited in the file: content changed", async () => {
    const ids = await writeSomeRows();
    const { file, url } = copyOfLog("edited");
    tamper(file, `UPDATE "AuditEvent" SET details = ? WHERE id = ?`, JSON.stringify({ n: 3, before: true, after: true }), ids[2]);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[2], seam: "envelope.toggled", reason: "content changed" } });
  });

  it("breaks at the row after one removed from the middle: chain link broken", async () => {
    const ids = await writeSomeRows();
    const { file, url } = copyOfLog("deleted");
    tamper(file, `DELETE FROM "AuditEvent" WHERE id = ?`, ids[3]);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[4], reason: "chain link broken" } });
  });

  it("breaks at a chained row whose hash was cleared: missing hash", async () => {
    const ids = await writeSomeRows();
    const { file, url } = copyOfLog("cleared");
    tamper(file, `UPDATE "AuditEvent" SET hash = NULL, prevHash = NULL WHERE id = ?`, ids[1]);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[1], reason: "missing hash" } });
  });

  it("npm run audit:verify exits 0 on an untouched log, 1 naming the edited row, 2 without a database", async () => {
    const ids = await writeSomeRows();
    const { file, url } = copyOfLog("script");
    const total = await db.auditEvent.count();

    const clean = runVerifyScript(url);
    expect(clean.output).toContain(`audit chain OK: ${total} rows verified`);
    expect(clean.status).toBe(0);

    tamper(file, `UPDATE "AuditEvent" SET details = '{"n":5,"before":true,"after":false}' WHERE id = ?`, ids[4]);
    const broken = runVerifyScript(url);
    expect(broken.output).toMatch(new RegExp(`audit chain BROKEN at row ${ids[4]} \\(envelope\\.toggled, [^)]+\\): content changed`));
    expect(broken.status).toBe(1);

    const missing = runVerifyScript(`file:${path.join(scratch, "missing.db")}`);
    expect(missing.output).toMatch(/cannot open the database/);
    expect(missing.status).toBe(2);
  }, 60_000);

  it("makes a second writer fail instead of forking the chain", async () => {
    await writeSomeRows();
    const other = new Database(liveFile());
    try {
      const attempt = db.$transaction(async (tx) => {
        // This transaction's snapshot starts here; another process then appends a chained row.
        const tip = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
        const [row] = chainAuditRows(tip, [{ seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "other-process", details: "{}", createdAt: new Date() }]);
        other
          .prepare(`INSERT INTO "AuditEvent" (id, seam, sessionId, probe, actor, details, createdAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(row!.id, row!.seam, null, row!.probe, row!.actor, row!.details, row!.createdAt.toISOString(), row!.prevHash, row!.hash);
        await writeAuditEvent(tx, event(8));
      });
      // SQLite refuses to turn a stale read snapshot into a write.
      await expect(attempt).rejects.toThrow(/database is locked/);
    } finally {
      other.close();
    }
    // Without a transaction's snapshot, the reused id collides on the primary key.
    const staleTip = await db.auditEvent.findFirst({ where: { actor: { not: "other-process" } }, orderBy: { id: "desc" }, select: { id: true, hash: true } });
    const [stale] = chainAuditRows(staleTip, [{ seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "stale-writer", details: "{}", createdAt: new Date() }]);
    await expect(db.auditEvent.create({ data: stale! })).rejects.toThrow(/Unique constraint/);

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { actor: "other-process" } })).toBe(1);
  });

  it("reports rows written before the chain existed as unchained, not as tampering", async () => {
    const fresh = createMigratedDatabase("audit-legacy");
    const legacy = new Database(fresh.file);
    legacy.prepare(`INSERT INTO "AuditEvent" (seam, actor, details, createdAt) VALUES ('envelope.toggled', 'operator', '{}', ?)`).run(new Date().toISOString());
    legacy.prepare(`INSERT INTO "AuditEvent" (seam, actor, details, createdAt) VALUES ('envelope.toggled', 'operator', '{}', ?)`).run(new Date().toISOString());
    legacy.close();
    const client = createDb(fresh.url);
    try {
      await client.$transaction((tx) => writeAuditEvents(tx, [event(1), event(2)]));
      expect(await verifyAuditChain(client)).toMatchObject({ ok: true, rows: 4, unchained: 2, last: { id: 4 } });
      expect(await client.auditEvent.findUnique({ where: { id: 3 } })).toMatchObject({ prevHash: GENESIS_HASH });
    } finally {
      await client.$disconnect();
      fresh.remove();
    }
  });

  it("keeps the page's status per process and verifies only rows appended since", async () => {
    await writeSomeRows();
    const verify = vi.fn(verifyAuditChain);
    const getStatus = createAuditChainStatus(verify);
    const first = await getStatus(db);
    expect(first).toMatchObject({ ok: true });
    expect(verify).toHaveBeenCalledTimes(1);

    expect(await getStatus(db)).toBe(first);
    expect(verify).toHaveBeenCalledTimes(1);

    await writeSomeRows();
    const afterAppend = await getStatus(db);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[1]![1]).toEqual({ after: first.ok ? first.last : null });
    expect(afterAppend).toEqual(await verifyAuditChain(db));
  });
});

describe("the audit hash chain on a log of its own", () => {
  /** A fresh log with `n` chained rows, for checks that count rows or tamper with the newest one. */
  async function freshLog(label: string, n: number) {
    const fresh = createMigratedDatabase(label);
    const client = createDb(fresh.url);
    await client.$transaction((tx) => writeAuditEvents(tx, Array.from({ length: n }, (_, i) => event(i + 1))));
    return {
      ...fresh,
      client,
      async close() {
        await client.$disconnect();
        fresh.remove();
      },
    };
  }

  it("reads the log a batch of rows at a time", async () => {
    const log = await freshLog("audit-batches", 7);
    try {
      const pages: number[] = [];
      const counting = {
        auditEvent: {
          findMany: async (args: Parameters<typeof log.client.auditEvent.findMany>[0]) => {
            const page = await log.client.auditEvent.findMany(args);
            pages.push(page.length);
            return page;
          },
        },
      } as unknown as Pick<typeof log.client, "auditEvent">;
      expect(await verifyAuditChain(counting, { batch: 3 })).toMatchObject({ ok: true, rows: 7, last: { id: 7 } });
      expect(pages).toEqual([3, 3, 1]);
    } finally {
      await log.close();
    }
  });

  it("reports a broken row appended after the page's cached status, counting every row read, as a full walk does", async () => {
    const log = await freshLog("audit-status-append", 4);
    try {
      const getStatus = createAuditChainStatus();
      expect(await getStatus(log.client)).toMatchObject({ ok: true, rows: 4 });

      // Another writer appends a row that does not link to the newest one.
      const [forged] = chainAuditRows({ id: 4, hash: "f".repeat(64) }, [{ seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "mallory", details: "{}", createdAt: new Date() }]);
      const sqlite = new Database(log.file);
      sqlite
        .prepare(`INSERT INTO "AuditEvent" (id, seam, sessionId, probe, actor, details, createdAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(forged!.id, forged!.seam, null, forged!.probe, forged!.actor, forged!.details, forged!.createdAt.toISOString(), forged!.prevHash, forged!.hash);
      sqlite.close();

      const status = await getStatus(log.client);
      expect(status).toMatchObject({ ok: false, rows: 5, brokenAt: { id: 5, reason: "chain link broken" } });
      expect(status).toEqual(await verifyAuditChain(log.client));
    } finally {
      await log.close();
    }
  });

  it("walks everything again when the newest row's hash is changed in place", async () => {
    const log = await freshLog("audit-status-rehash", 4);
    try {
      const getStatus = createAuditChainStatus();
      expect(await getStatus(log.client)).toMatchObject({ ok: true, rows: 4 });

      tamper(log.file, `UPDATE "AuditEvent" SET hash = ? WHERE id = 4`, "e".repeat(64));
      expect(await getStatus(log.client)).toMatchObject({ ok: false, rows: 4, brokenAt: { id: 4, reason: "content changed" } });
    } finally {
      await log.close();
    }
  });

  it("adds rows appended by a writer that predates the chain to the cached unchained count", async () => {
    const fresh = createMigratedDatabase("audit-status-legacy");
    const insertLegacy = () => {
      const sqlite = new Database(fresh.file);
      sqlite.prepare(`INSERT INTO "AuditEvent" (seam, actor, details, createdAt) VALUES ('envelope.toggled', 'operator', '{}', ?)`).run(new Date().toISOString());
      sqlite.close();
    };
    insertLegacy();
    insertLegacy();
    const client = createDb(fresh.url);
    try {
      const getStatus = createAuditChainStatus();
      expect(await getStatus(client)).toEqual({ ok: true, rows: 2, unchained: 2, last: { id: 2, hash: null } });
      insertLegacy();
      expect(await getStatus(client)).toEqual({ ok: true, rows: 3, unchained: 3, last: { id: 3, hash: null } });
    } finally {
      await client.$disconnect();
      fresh.remove();
    }
  });
});
