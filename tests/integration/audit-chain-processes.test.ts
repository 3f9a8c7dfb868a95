import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db";
import { goTogether, startLookoutProcess, stopAll, type LookoutProcess } from "../helpers/lookout-process";

// Several instances append to the one audit log at the same moment: every row lands, with no gap in the
// ids, on one unbroken hash chain.

const WRITERS = 4;
const ROWS_EACH = 25;
let writers: LookoutProcess[] = [];
afterEach(() => stopAll(writers));

describe("the audit hash chain with writers in several processes", () => {
  it(`keeps every row of ${WRITERS} processes appending ${ROWS_EACH} rows each at once, on one chain`, async () => {
    const before = (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    writers = Array.from({ length: WRITERS }, (_, i) => startLookoutProcess("audit-writer-process.ts", [String(i), String(ROWS_EACH)], {}));
    await goTogether(writers);
    await Promise.all(writers.map((w) => w.exited));

    const rows = await db.auditEvent.findMany({ where: { id: { gt: before } }, orderBy: { id: "asc" }, select: { id: true, actor: true } });
    expect(rows).toHaveLength(WRITERS * ROWS_EACH);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: WRITERS * ROWS_EACH }, (_, i) => before + 1 + i));
    for (let i = 0; i < WRITERS; i++) expect(rows.filter((r) => r.actor === `writer-${i}`)).toHaveLength(ROWS_EACH);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: await db.auditEvent.count() });
  }, 60_000);
});
