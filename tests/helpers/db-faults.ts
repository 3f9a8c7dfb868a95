import { dialectOf } from "@/lib/db/dialect";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface WriteFault {
  /** Names the trigger, so a test can lift it again by name. */
  name: string;
  table: string;
  operation: "INSERT" | "UPDATE";
  /** The error the database raises: what the code under test sees. */
  message: string;
  /** Only rows whose column has this value fail (the new row's value). */
  when?: { column: string; equals: string };
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Makes the database itself refuse writes into a table, the way a full disk or a broken table would:
 * a trigger that raises `message`, on SQLite or PostgreSQL. Returns what lifts it (safe to call twice).
 */
export async function injectWriteFault(db: PrismaClient, fault: WriteFault): Promise<() => Promise<void>> {
  const condition = fault.when ? `NEW."${fault.when.column}" = ${quoteText(fault.when.equals)}` : null;
  if (dialectOf(db).provider === "postgres") {
    await db.$executeRawUnsafe(`CREATE FUNCTION "${fault.name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${quoteText(fault.message)}; END; $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "${fault.name}" BEFORE ${fault.operation} ON "${fault.table}" FOR EACH ROW ${condition ? `WHEN (${condition})` : ""} EXECUTE FUNCTION "${fault.name}"()`,
    );
  } else {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "${fault.name}" BEFORE ${fault.operation} ON "${fault.table}" ${condition ? `WHEN ${condition}` : ""} BEGIN SELECT RAISE(ABORT, ${quoteText(fault.message)}); END`,
    );
  }
  return () => removeWriteFault(db, fault);
}

/** Lifts a fault injected by `injectWriteFault`; nothing happens if it is not there. */
export async function removeWriteFault(db: PrismaClient, fault: Pick<WriteFault, "name" | "table">): Promise<void> {
  if (dialectOf(db).provider === "postgres") {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${fault.name}" ON "${fault.table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${fault.name}"()`);
  } else {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${fault.name}"`);
  }
}
