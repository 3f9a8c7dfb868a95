import { listAutofixRecords } from "@/lib/autofix/list-autofix-records";
import type { Env } from "@/lib/env";
import type { PrismaClient, Wake } from "@/lib/generated/prisma/client";
import { listCredentials, redactText } from "@/lib/redact";
import { checkClaims } from "./check-claims";
import { describeLookoutDid } from "./describe-lookout-did";
import type { InvestigationReport } from "./investigation-report";
import type { InvestigationOutcome, InvestigationRequest } from "./types";

/**
 * The two parts of one finished investigation. "Lookout did" comes from the incident's own rows, read
 * now that the run is over: its restart attempts (the audit rows the executor wrote, not what the model
 * was told), the envelope it was given and the debounced wakes. The analysis is the model's, checked
 * against those same records.
 */
export async function buildInvestigationReport(
  db: PrismaClient,
  env: Env,
  { wake, request, outcome }: { wake: Pick<Wake, "id" | "sessionId" | "createdAt">; request: InvestigationRequest; outcome: InvestigationOutcome },
): Promise<InvestigationReport> {
  const [records, debouncedBefore] = await Promise.all([
    listAutofixRecords(db, wake.sessionId),
    db.wake.count({ where: { sessionId: wake.sessionId, status: "debounced", createdAt: { lt: wake.createdAt } } }),
  ]);
  const clean = (text: string) => redactText(text, listCredentials(env));
  const lookoutDid = describeLookoutDid({
    probe: request.probe,
    engine: outcome.engine,
    envelopeEnabled: request.envelope.enabled,
    killSwitch: env.LOOKOUT_AUTOFIX_KILL_SWITCH,
    attempts: records.filter((r) => r.wakeId === wake.id),
    earlierRestarts: records.filter((r) => r.wakeId !== wake.id && r.outcome === "succeeded"),
    stoppedBy: outcome.stoppedBy,
    turns: outcome.turns,
    debouncedBefore,
  });
  const check = checkClaims(outcome.analysis, records);
  return { lookoutDid: lookoutDid.map(clean), analysis: check.analysis, claimCheck: check.status, claimMismatch: check.mismatch === null ? null : clean(check.mismatch) };
}
