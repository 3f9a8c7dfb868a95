import { describe, expect, it, vi } from "vitest";
import type { ChainTip } from "@/lib/audit/chain-audit-rows";
import { createAuditChainStatus } from "@/lib/audit/get-audit-chain-status";
import type { AuditChainResult, VerifyOptions } from "@/lib/audit/verify-audit-chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "auditEvent">;

/** A log whose newest row the test sets, and a verifier that answers from a script of walks. */
function setup(walks: AuditChainResult[]) {
  let tip: ChainTip | null = null;
  const db = { auditEvent: { findFirst: async () => tip } } as unknown as Db;
  const verify = vi.fn<(db: Db, options?: VerifyOptions) => Promise<AuditChainResult>>(async () => {
    const next = walks.shift();
    if (!next) throw new Error("unexpected walk");
    return next;
  });
  const getStatus = createAuditChainStatus(verify);
  return { db, verify, getStatus, setTip: (next: ChainTip | null) => (tip = next) };
}

const h = (c: string) => c.repeat(64);

describe("the audit page's chain status", () => {
  it("walks an empty log once and then serves it from the cache", async () => {
    const empty: AuditChainResult = { ok: true, rows: 0, unchained: 0, last: null };
    const { db, verify, getStatus } = setup([empty]);
    expect(await getStatus(db)).toEqual(empty);
    expect(await getStatus(db)).toEqual(empty);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("walks everything again when the newest row keeps its id but its hash changes", async () => {
    const { db, verify, getStatus, setTip } = setup([
      { ok: true, rows: 3, unchained: 0, last: { id: 3, hash: h("a") } },
      { ok: false, rows: 3, brokenAt: { id: 3, seam: "envelope.toggled", createdAt: "2026-11-25T14:00:00.000Z", reason: "content changed" } },
    ]);
    setTip({ id: 3, hash: h("a") });
    expect(await getStatus(db)).toMatchObject({ ok: true, rows: 3 });

    setTip({ id: 3, hash: h("b") });
    expect(await getStatus(db)).toMatchObject({ ok: false, rows: 3, brokenAt: { id: 3, reason: "content changed" } });
    expect(verify.mock.calls.map((call) => call[1])).toEqual([{}, {}]);
  });

  it("verifies a new newest row even when, like rows predating the chain, it has no hash, and adds its counts", async () => {
    const { db, verify, getStatus, setTip } = setup([
      { ok: true, rows: 2, unchained: 2, last: { id: 2, hash: null } },
      { ok: true, rows: 3, unchained: 3, last: { id: 5, hash: null } },
    ]);
    setTip({ id: 2, hash: null });
    await getStatus(db);

    setTip({ id: 5, hash: null });
    expect(await getStatus(db)).toEqual({ ok: true, rows: 5, unchained: 5, last: { id: 5, hash: null } });
    expect(verify.mock.calls[1]![1]).toEqual({ after: { id: 2, hash: null } });
  });

  it("adds a break found among appended rows to the rows already verified", async () => {
    const brokenAt = { id: 7, seam: "probe.wake_requested", createdAt: "2026-11-25T14:00:00.000Z", reason: "chain link broken" } as const;
    const { db, verify, getStatus, setTip } = setup([
      { ok: true, rows: 5, unchained: 1, last: { id: 5, hash: h("5") } },
      { ok: false, rows: 2, brokenAt },
    ]);
    setTip({ id: 5, hash: h("5") });
    await getStatus(db);

    setTip({ id: 8, hash: h("8") });
    expect(await getStatus(db)).toEqual({ ok: false, rows: 7, brokenAt });
    expect(verify.mock.calls[1]![1]).toEqual({ after: { id: 5, hash: h("5") } });
  });
});
