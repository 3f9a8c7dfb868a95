import { beforeEach, describe, expect, it } from "vitest";
import { findActiveSession, openOperatorSession, revokeOperatorSession } from "@/lib/auth/operator-sessions";
import { db } from "@/lib/db";

// Session rows: what a sign-in writes, which rows still count as signed in, what sign-out writes, and the
// sweep of rows long over, on the real database.

const NOW = new Date("2026-11-30T12:00:00.000Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const open = (operator: string, now = NOW, hours = 12) => db.$transaction((tx) => openOperatorSession(tx, { operator, client: "203.0.113.5", method: "password", now, hours }));

beforeEach(async () => {
  await db.operatorSession.deleteMany();
});

describe("openOperatorSession", () => {
  it("writes the session row, expiring after the configured hours, and its audit row", async () => {
    const session = await open("maya", NOW, 12);
    expect(session).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), operator: "maya", expiresAt: new Date("2026-12-01T00:00:00.000Z") });
    expect(await db.operatorSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ operator: "maya", createdAt: NOW, expiresAt: session.expiresAt, revokedAt: null });
    const row = await db.auditEvent.findFirstOrThrow({ where: { seam: "operator.signed_in" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actor: "maya", createdAt: NOW });
    expect(JSON.parse(row.details)).toEqual({ client: "203.0.113.5", method: "password", expires_at: "2026-12-01T00:00:00.000Z" });
    expect((await open("maya")).id).not.toBe(session.id);
  });

  it("sweeps rows that ended more than 30 days ago, and keeps younger ones", async () => {
    const oldOne = await open("maya", hoursAgo(31 * 24 + 1), 1);
    const recent = await open("maya", hoursAgo(29 * 24 + 1), 1);
    await open("maya");
    const ids = (await db.operatorSession.findMany({ select: { id: true } })).map((r) => r.id);
    expect(ids).not.toContain(oldOne.id);
    expect(ids).toContain(recent.id);
    expect(ids).toHaveLength(2);
  });
});

describe("findActiveSession", () => {
  it("is the session while it is live, belongs to that operator and is not revoked", async () => {
    const session = await open("maya", NOW, 1);
    expect(await findActiveSession(db, session.id, "maya", NOW)).toEqual(session);
    expect(await findActiveSession(db, session.id, "maya", new Date(session.expiresAt.getTime() - 1))).toEqual(session);
    expect(await findActiveSession(db, session.id, "maya", session.expiresAt)).toBeNull();
    expect(await findActiveSession(db, session.id, "root", NOW)).toBeNull();
    expect(await findActiveSession(db, "no-such-session-id-0000", "maya", NOW)).toBeNull();
    await revokeOperatorSession(db, session, NOW);
    expect(await findActiveSession(db, session.id, "maya", NOW)).toBeNull();
  });
});

describe("revokeOperatorSession", () => {
  it("revokes the row and writes one operator.signed_out row, however often it is called", async () => {
    const session = await open("maya");
    const before = await db.auditEvent.count({ where: { seam: "operator.signed_out" } });
    await revokeOperatorSession(db, session, NOW);
    await revokeOperatorSession(db, session, new Date(NOW.getTime() + 5_000));
    expect(await db.operatorSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ revokedAt: NOW });
    const rows = await db.auditEvent.findMany({ where: { seam: "operator.signed_out" }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actor: "maya", createdAt: NOW, details: "{}" });
  });
});
