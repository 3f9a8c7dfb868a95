import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { autofixAttemptDetails, type AutofixRecord } from "./types";
import { autofixSeam } from "./write-autofix-attempt";

type Reader = PrismaClient | Prisma.TransactionClient;

/** An incident never holds anywhere near this many attempts; the bound keeps the read small regardless. */
const maxRowsRead = 500;

/**
 * Attempt rows, oldest first, as one record per attempt: an "allowed" row is replaced by the
 * "succeeded" or "failed" row that follows it for the same wake and machine, and stays "unconfirmed"
 * when none does. Rows whose details are not an attempt's are skipped.
 */
export function collapseAutofixRows(detailsJson: string[]): AutofixRecord[] {
  const records: AutofixRecord[] = [];
  const pending = new Map<string, number>();
  for (const raw of detailsJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    const row = autofixAttemptDetails.safeParse(parsed);
    if (!row.success) continue;
    const d = row.data;
    const key = `${d.wake_id}\u0000${d.app ?? ""}\u0000${d.machine_id ?? ""}`;
    const record: AutofixRecord = { wakeId: d.wake_id, outcome: "unconfirmed", rule: d.rule ?? null, app: d.app, machineId: d.machine_id, message: d.message };
    if (d.outcome === "allowed") {
      pending.set(key, records.push(record) - 1);
      continue;
    }
    record.outcome = d.outcome;
    const at = pending.get(key);
    if (at !== undefined && d.outcome !== "refused") {
      records[at] = record;
      pending.delete(key);
    } else {
      records.push(record);
    }
  }
  return records;
}

/** Every restart attempt of one incident, from its audit rows: the records an investigation is checked against. */
export async function listAutofixRecords(db: Reader, sessionId: string): Promise<AutofixRecord[]> {
  const rows = await db.auditEvent.findMany({ where: { seam: autofixSeam, sessionId }, orderBy: { id: "asc" }, select: { details: true }, take: maxRowsRead });
  return collapseAutofixRows(rows.map((r) => r.details));
}
