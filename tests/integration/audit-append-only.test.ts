import { describe, expect, it } from "vitest";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { db } from "@/lib/db";
import { dialectOf } from "@/lib/db/dialect";
import { runRawSql } from "../helpers/raw-sql";

describe("the audit table", () => {
  it("refuses UPDATE, DELETE and emptying it at the database, through Prisma and through raw SQL", async () => {
    const id = await db.$transaction((tx) =>
      writeAuditEvent(tx, { seam: "envelope.toggled", actor: "operator", probe: "fly", details: { before: false, after: true } }),
    );
    // Prisma words SQLite's trigger abort as a constraint failure, so only raw SQL shows the trigger's own message.
    await expect(db.auditEvent.update({ where: { id }, data: { actor: "mallory" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany()).rejects.toThrow();

    // From a console of its own, outside Lookout's client.
    const url = process.env.DATABASE_URL!;
    await expect(runRawSql(url, `UPDATE "AuditEvent" SET "details" = '{}' WHERE "id" = ${id}`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(runRawSql(url, `DELETE FROM "AuditEvent" WHERE "id" = ${id}`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(runRawSql(url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only: DELETE refused/);
    // PostgreSQL empties a table without deleting its rows one by one; SQLite has no such statement.
    if (dialectOf(db).provider === "postgres") {
      await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
      await expect(runRawSql(url, `TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    }

    const row = await db.auditEvent.findUniqueOrThrow({ where: { id } });
    expect(row.actor).toBe("operator");
    expect(JSON.parse(row.details)).toEqual({ before: false, after: true });
  });
});
