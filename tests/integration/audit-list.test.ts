import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { createDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase } from "../helpers/test-database";

// Each test lists a log it wrote itself, so pages and counts do not depend on the other tests.
let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
beforeEach(async () => {
  fresh = await createTestDatabase("audit-list");
  db = createDb(fresh.url);
});
afterEach(async () => {
  await db.$disconnect();
  await fresh.remove();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 14, minute));

const toggle = (n: number, probe: "fly" | "vercel" = "fly"): AuditEventInput => ({
  seam: "envelope.toggled",
  actor: "operator",
  probe,
  details: { probe, before: false, after: true, n },
  at: at(n),
});
const wake = (n: number, sessionId: string, probe: "fly" | "vercel" = "fly"): AuditEventInput => ({
  seam: "probe.wake_requested",
  actor: "lookout",
  sessionId,
  probe,
  details: { title: `wake ${n}` },
  at: at(n),
});

const write = (events: AuditEventInput[]) => db.$transaction((tx) => writeAuditEvents(tx, events));
const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

describe("listAuditEvents", () => {
  it("lists rows newest first, each with its fields and its details parsed", async () => {
    await write([toggle(1), wake(2, "probe:vercel:down:a", "vercel"), toggle(3)]);
    const { rows, nextCursor } = await listAuditEvents({}, { db });
    expect(nextCursor).toBeNull();
    expect(rows).toEqual([
      { id: 3, seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "operator", createdAt: at(3).toISOString(), details: { probe: "fly", before: false, after: true, n: 3 } },
      { id: 2, seam: "probe.wake_requested", sessionId: "probe:vercel:down:a", probe: "vercel", actor: "lookout", createdAt: at(2).toISOString(), details: { title: "wake 2" } },
      { id: 1, seam: "envelope.toggled", sessionId: null, probe: "fly", actor: "operator", createdAt: at(1).toISOString(), details: { probe: "fly", before: false, after: true, n: 1 } },
    ]);
  });

  it("shows details that are not JSON as they were stored", async () => {
    await db.auditEvent.create({ data: { seam: "something.old", actor: "script", details: "restarted by hand {", createdAt: at(1) } });
    const { rows } = await listAuditEvents({}, { db });
    expect(rows).toEqual([expect.objectContaining({ seam: "something.old", details: "restarted by hand {" })]);
  });

  it("filters by seam, probe and session, alone or together", async () => {
    await write([toggle(1), wake(2, "s-fly", "fly"), toggle(3, "vercel"), wake(4, "s-vercel", "vercel"), wake(5, "s-fly", "fly")]);
    expect(ids((await listAuditEvents({ seam: "envelope.toggled" }, { db })).rows)).toEqual([3, 1]);
    expect(ids((await listAuditEvents({ probe: "vercel" }, { db })).rows)).toEqual([4, 3]);
    expect(ids((await listAuditEvents({ session: "s-fly" }, { db })).rows)).toEqual([5, 2]);
    expect(ids((await listAuditEvents({ seam: "probe.wake_requested", probe: "vercel" }, { db })).rows)).toEqual([4]);
    expect(ids((await listAuditEvents({ seam: "envelope.toggled", session: "s-fly" }, { db })).rows)).toEqual([]);
  });

  it("pages by keyset: nextCursor is the last row shown, and the next page starts just below it", async () => {
    await write([1, 2, 3, 4, 5].map((n) => toggle(n)));
    const first = await listAuditEvents({}, { db, pageSize: 2 });
    expect(ids(first.rows)).toEqual([5, 4]);
    expect(first.nextCursor).toBe(4);

    const second = await listAuditEvents({ cursor: first.nextCursor! }, { db, pageSize: 2 });
    expect(ids(second.rows)).toEqual([3, 2]);
    expect(second.nextCursor).toBe(2);

    const last = await listAuditEvents({ cursor: second.nextCursor! }, { db, pageSize: 2 });
    expect(ids(last.rows)).toEqual([1]);
    expect(last.nextCursor).toBeNull();
  });

  it("offers no next page when the last page is exactly full", async () => {
    await write([1, 2, 3, 4].map((n) => toggle(n)));
    const second = await listAuditEvents({ cursor: 3 }, { db, pageSize: 2 });
    expect(ids(second.rows)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
  });

  it("keeps a filter across pages", async () => {
    await write([wake(1, "s"), toggle(2), wake(3, "s"), toggle(4), wake(5, "s"), wake(6, "other")]);
    const first = await listAuditEvents({ session: "s" }, { db, pageSize: 2 });
    expect(ids(first.rows)).toEqual([5, 3]);
    expect(first.nextCursor).toBe(3);
    const second = await listAuditEvents({ session: "s", cursor: 3 }, { db, pageSize: 2 });
    expect(ids(second.rows)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows 50 rows a page by default", async () => {
    await write(Array.from({ length: 51 }, (_, i) => toggle(i + 1)));
    const { rows, nextCursor } = await listAuditEvents({}, { db });
    expect(rows).toHaveLength(50);
    expect(rows[0]!.id).toBe(51);
    expect(nextCursor).toBe(2);
  });
});
