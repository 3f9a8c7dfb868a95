import { describe, expect, it, vi } from "vitest";
import { GENESIS_HASH } from "@/lib/audit/audit-hash";
import { writeAuditEvent, writeAuditEvents } from "@/lib/audit/write-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A SQLite transaction that records what it is asked to do, on a log whose newest row is `tip`. */
function recordingTx(tip: { id: number; hash: string | null } | null = null) {
  const steps: string[] = [];
  const findFirst = vi.fn(async () => (steps.push("read tip"), tip));
  const createMany = vi.fn(async ({ data }: { data: unknown[] }) => (steps.push("insert"), { count: data.length }));
  const $executeRawUnsafe = vi.fn(async () => (steps.push("lock"), 0));
  const tx = { _activeProvider: "sqlite", $executeRawUnsafe, auditEvent: { findFirst, createMany } } as unknown as Prisma.TransactionClient;
  return { tx, findFirst, createMany, steps };
}

const at = new Date("2026-11-25T14:00:00.000Z");

describe("writeAuditEvent", () => {
  it("stores the session id that joins the row to its incident, and null when there is none", async () => {
    const { tx, createMany } = recordingTx({ id: 9, hash: "a".repeat(64) });
    const id = await writeAuditEvent(tx, { seam: "probe.wake_requested", actor: "lookout", sessionId: "probe:fly:x", probe: "fly", details: { title: "t" }, at });
    await writeAuditEvent(tx, { seam: "operator.signed_out", actor: "operator", details: {}, at });
    expect(id).toBe(10);
    expect(createMany.mock.calls[0]![0].data).toEqual([
      expect.objectContaining({ id: 10, seam: "probe.wake_requested", actor: "lookout", sessionId: "probe:fly:x", probe: "fly", details: '{"title":"t"}', createdAt: at }),
    ]);
    expect(createMany.mock.calls[1]![0].data).toEqual([expect.objectContaining({ sessionId: null, probe: null, details: "{}" })]);
  });
});

describe("writeAuditEvents", () => {
  it("appends a batch in one statement, chained in order from genesis on an empty log", async () => {
    const { tx, createMany } = recordingTx();
    await writeAuditEvents(tx, [
      { seam: "envelope.toggled", actor: "operator", probe: "fly", details: { n: 1 }, at },
      { seam: "envelope.toggled", actor: "operator", probe: "fly", details: { n: 2 }, at },
    ]);
    expect(createMany).toHaveBeenCalledTimes(1);
    const [first, second] = createMany.mock.calls[0]![0].data as { id: number; prevHash: string; hash: string }[];
    expect(first).toMatchObject({ id: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ id: 2, prevHash: first!.hash });
  });

  it("takes the chain's lock before it reads the tip, so no other writer appends in between", async () => {
    const { tx, steps } = recordingTx();
    await writeAuditEvents(tx, [{ seam: "envelope.toggled", actor: "operator", probe: "fly", details: {}, at }]);
    expect(steps).toEqual(["lock", "read tip", "insert"]);
  });

  it("costs no statement inside the caller's transaction when there is nothing to write", async () => {
    const { tx, findFirst, createMany } = recordingTx();
    await writeAuditEvents(tx, []);
    expect(findFirst).not.toHaveBeenCalled();
    expect(createMany).not.toHaveBeenCalled();
  });
});
