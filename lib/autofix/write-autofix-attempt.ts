import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { envelopes } from "@/lib/envelopes/envelopes";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AutofixAttemptDetails, AutofixContext } from "./types";

export const autofixSeam = "tool.probe_autofix_attempted";

export type AutofixAttempt = Pick<AutofixAttemptDetails, "outcome" | "rule" | "app" | "machine_id" | "reason" | "message">;

/** Appends one attempt row, joined to the incident by its session id, in the caller's transaction. */
export function writeAutofixAttempt(tx: Prisma.TransactionClient, ctx: AutofixContext, attempt: AutofixAttempt, at: Date): Promise<number> {
  const details: AutofixAttemptDetails = {
    ...attempt,
    wake_id: ctx.wakeId,
    snapshot_id: ctx.snapshotId,
    capability: envelopes.fly.capability,
  };
  return writeAuditEvent(tx, { seam: autofixSeam, actor: ctx.requestedBy, sessionId: ctx.sessionId, probe: "fly", details, at });
}

/** The outcome and app a stored row records, or null when its details are not an attempt's. */
export function readAutofixAttempt(detailsJson: string): Pick<AutofixAttemptDetails, "outcome" | "app"> | null {
  try {
    const raw = JSON.parse(detailsJson) as { outcome?: unknown; app?: unknown };
    if (typeof raw.outcome !== "string") return null;
    return { outcome: raw.outcome as AutofixAttemptDetails["outcome"], app: typeof raw.app === "string" ? raw.app : null };
  } catch {
    return null;
  }
}
