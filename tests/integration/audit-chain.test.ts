import { afterAll, describe, expect, it, vi } from "vitest";
import { GENESIS_HASH } from "@/lib/audit/audit-hash";
import { chainAuditRows } from "@/lib/audit/chain-audit-rows";
import { createAuditChainStatus } from "@/lib/audit/get-audit-chain-status";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { writeAuditEvent, writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { createDb, db } from "@/lib/db";
import { dialectOf } from "@/lib/db/dialect";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { tamperWithAuditLog } from "../helpers/audit-tamper";
import { createTestDatabase } from "../helpers/test-database";

// Databases of this file's own, each holding one log to tamper with or count; dropped at the end.
const scratch: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
afterAll(() => Promise.all(scratch.map((d) => d.remove())));
async function scratchDatabase(label: string) {
  const fresh = await createTestDatabase(label);
  scratch.push(fresh);
  return fresh;
}

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

/** A copy of the live log, row for row, so tampering with it leaves the other tests' database intact. */
async function copyOfLog(name: string): Promise<{ url: string }> {
  const { url } = await scratchDatabase(`audit-${name}`);
  const copy = createDb(url);
  try {
    await copy.auditEvent.createMany({ data: await db.auditEvent.findMany({ orderBy: { id: "asc" } }) });
  } finally {
    await copy.$disconnect();
  }
  return { url };
}

/** A row written by a Lookout older than the chain: no hash, no link. */
function writeLegacyRow(client: PrismaClient) {
  return client.auditEvent.create({ data: { seam: "envelope.toggled", actor: "operator", details: "{}", createdAt: new Date() } });
}

async function verifyFile(url: string) {
  const copy = createDb(url);
  try {
    return await verifyAuditChain(copy, { batch: 3 });
  } finally {
    await copy.$disconnect();
  }
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
    const { url } = await copyOfLog("edited");
    await tamperWithAuditLog(url, `UPDATE "AuditEvent" SET "details" = '${JSON.stringify({ n: 3, before: true, after: true })}' WHERE "id" = ${ids[2]}`);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[2], seam: "envelope.toggled", reason: "content changed" } });
  });

  it("breaks at the row after one removed from the middle: chain link broken", async () => {
    const ids = await writeSomeRows();
    const { url } = await copyOfLog("deleted");
    await tamperWithAuditLog(url, `DELETE FROM "AuditEvent" WHERE "id" = ${ids[3]}`);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[4], reason: "chain link broken" } });
  });

  it("breaks at a chained row whose hash was cleared: missing hash", async () => {
    const ids = await writeSomeRows();
    const { url } = await copyOfLog("cleared");
    await tamperWithAuditLog(url, `UPDATE "AuditEvent" SET "hash" = NULL, "prevHash" = NULL WHERE "id" = ${ids[1]}`);
    expect(await verifyFile(url)).toMatchObject({ ok: false, brokenAt: { id: ids[1], reason: "missing hash" } });
  });

  it("makes a second writer wait or fail instead of forking the chain", async () => {
    await writeSomeRows();
    const other = createDb(process.env.DATABASE_URL!);
    let tipBefore: { id: number; hash: string | null } | null = null;
    try {
      const attempt = db.$transaction(async (tx) => {
        // This transaction reads the tip here; another process then appends a chained row.
        tipBefore = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
        const [row] = chainAuditRows(tipBefore, [{ seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "other-process", details: "{}", createdAt: new Date() }]);
        await other.auditEvent.create({ data: row! });
        await writeAuditEvent(tx, event(8));
      });
      if (dialectOf(db).provider === "postgres") {
        // The appender takes the chain's lock, then reads the committed tip: its row links after the other one.
        await attempt;
        const otherRow = await db.auditEvent.findFirstOrThrow({ where: { actor: "other-process" } });
        expect(await db.auditEvent.findUniqueOrThrow({ where: { id: otherRow.id + 1 } })).toMatchObject({ prevHash: otherRow.hash, details: JSON.stringify(event(8).details) });
      } else {
        // SQLite refuses to turn a stale read snapshot into a write.
        await expect(attempt).rejects.toThrow(/database is locked/);
      }
    } finally {
      await other.$disconnect();
    }
    // A writer that chains onto the tip it read before the other row reuses that row's id: the primary key refuses it.
    const [stale] = chainAuditRows(tipBefore, [{ seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "stale-writer", details: "{}", createdAt: new Date() }]);
    await expect(db.auditEvent.create({ data: stale! })).rejects.toThrow(/Unique constraint/);

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { actor: "other-process" } })).toBe(1);
  });

  it("reports rows written before the chain existed as unchained, not as tampering", async () => {
    const fresh = await scratchDatabase("audit-legacy");
    const client = createDb(fresh.url);
    try {
      await writeLegacyRow(client);
      await writeLegacyRow(client);
      await client.$transaction((tx) => writeAuditEvents(tx, [event(1), event(2)]));
      expect(await verifyAuditChain(client)).toMatchObject({ ok: true, rows: 4, unchained: 2, last: { id: 4 } });
      expect(await client.auditEvent.findUnique({ where: { id: 3 } })).toMatchObject({ prevHash: GENESIS_HASH });
    } finally {
      await client.$disconnect();
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
    const fresh = await scratchDatabase(label);
    const client = createDb(fresh.url);
    await client.$transaction((tx) => writeAuditEvents(tx, Array.from({ length: n }, (_, i) => event(i + 1))));
    return {
      ...fresh,
      client,
      close: () => client.$disconnect(),
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
      await log.client.auditEvent.create({ data: forged! });

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

      await tamperWithAuditLog(log.url, `UPDATE "AuditEvent" SET "hash" = '${"e".repeat(64)}' WHERE "id" = 4`);
      expect(await getStatus(log.client)).toMatchObject({ ok: false, rows: 4, brokenAt: { id: 4, reason: "content changed" } });
    } finally {
      await log.close();
    }
  });

  it("adds rows appended by a writer that predates the chain to the cached unchained count", async () => {
    const fresh = await scratchDatabase("audit-status-legacy");
    const client = createDb(fresh.url);
    try {
      await writeLegacyRow(client);
      await writeLegacyRow(client);
      const getStatus = createAuditChainStatus();
      expect(await getStatus(client)).toEqual({ ok: true, rows: 2, unchained: 2, last: { id: 2, hash: null } });
      await writeLegacyRow(client);
      expect(await getStatus(client)).toEqual({ ok: true, rows: 3, unchained: 3, last: { id: 3, hash: null } });
    } finally {
      await client.$disconnect();
    }
  });
});
