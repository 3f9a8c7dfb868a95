import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { db } from "@/lib/db";

describe("the audit table", () => {
  it("refuses UPDATE and DELETE at the database, through Prisma and through raw SQL", async () => {
    const id = await db.$transaction((tx) =>
      writeAuditEvent(tx, { seam: "envelope.toggled", actor: "operator", probe: "fly", details: { before: false, after: true } }),
    );
    await expect(db.auditEvent.update({ where: { id }, data: { actor: "mallory" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany()).rejects.toThrow();

    const sqlite = new Database(process.env.DATABASE_URL!.slice("file:".length));
    try {
      expect(() => sqlite.prepare(`UPDATE "AuditEvent" SET details = '{}' WHERE id = ?`).run(id)).toThrow(/append-only: UPDATE refused/);
      expect(() => sqlite.prepare(`DELETE FROM "AuditEvent" WHERE id = ?`).run(id)).toThrow(/append-only: DELETE refused/);
    } finally {
      sqlite.close();
    }
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id } });
    expect(row.actor).toBe("operator");
    expect(JSON.parse(row.details)).toEqual({ before: false, after: true });
  });
});
