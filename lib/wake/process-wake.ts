import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { describeAutofix, restartUnhealthyMachine } from "@/lib/autofix/restart-unhealthy-machine";
import { databaseNow } from "@/lib/db/dialect";
import type { Env } from "@/lib/env";
import type { Investigation, Prisma, PrismaClient, Wake } from "@/lib/generated/prisma/client";
import { buildInvestigationReport } from "@/lib/investigate/build-investigation-report";
import { formatReportText, readInvestigationReport, toReportColumns, type InvestigationReport } from "@/lib/investigate/investigation-report";
import { runInvestigation } from "@/lib/investigate/run-investigation";
import type { InvestigationOutcome } from "@/lib/investigate/types";
import { sendInvestigationDm } from "@/lib/slack/send-dm";
import { dmStatusOf, type DmStatus } from "@/lib/slack/types";
import { leaseTiming } from "@/lib/lease-timing";
import { buildInvestigationRequest } from "./build-investigation-request";
import { isAlreadyInvestigated, isDebounced } from "./debounce";
import { findInvestigationInFlight } from "./investigation-in-flight";

export type WakeResult = "investigated" | "debounced" | "deferred";

/** The consumer lost the wake's lease to a takeover: it records nothing, the new holder finishes the wake. */
export class WakeLeaseLost extends Error {
  constructor(wakeId: string) {
    super(`wake ${wakeId} was taken over by another consumer`);
    this.name = "WakeLeaseLost";
  }
}

/**
 * One claimed wake, idempotently: a wake whose investigation was already stored (a consumer died after
 * it) is not investigated again; its DM and completion are finished instead. The DM goes through the
 * outbox, which delivers it exactly once whoever finishes the wake. The completion — the
 * `probe.investigation_completed` row and the wake's `done` — commits in one transaction, and only while
 * this consumer still holds the wake's lease.
 */
export async function processWake(db: PrismaClient, env: Env, wake: Wake, now = new Date()): Promise<WakeResult> {
  let investigation = await db.investigation.findUnique({ where: { wakeId: wake.id } });
  if (!investigation) {
    // Looked at before the debounce: an in-flight wake stores its investigation before it stops being
    // processing, so one of the two reads always sees it.
    const inFlight = await findInvestigationInFlight(db, wake, now);
    if (inFlight) {
      // Back once that lease is up, when the debounce sees its investigation; a wait is not an attempt.
      await db.$transaction((tx) =>
        holdOrThrow(tx, wake, { status: "pending", nextAttemptAt: inFlight.leaseExpiresAt!, leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } }),
      );
      return "deferred";
    }
    if ((await isAlreadyInvestigated(db, wake)) || (await isDebounced(db, env, wake, now))) {
      await db.$transaction(async (tx) => {
        await holdOrThrow(tx, wake, { status: "debounced", leaseOwner: null, leaseExpiresAt: null });
        await tx.incident.update({ where: { id: wake.incidentId }, data: { debouncedCount: { increment: 1 } } });
      });
      return "debounced";
    }
    investigation = await investigate(db, env, wake, now);
  }
  const incident = await db.incident.findUnique({ where: { id: wake.incidentId }, select: { title: true } });
  const dm = await sendInvestigationDm(
    {
      sessionId: wake.sessionId,
      wakeId: wake.id,
      probe: wake.probe,
      severity: wake.severity === "critical" ? "critical" : "warning",
      title: incident?.title ?? wake.category,
      // From the stored row, so a retried wake sends exactly what the first attempt stored.
      report: readInvestigationReport(investigation),
      engine: investigation.engine === "claude" ? "claude" : "fallback",
    },
    { db, env },
  );
  await complete(db, wake, investigation, dmStatusOf(investigation.engine, dm.status));
  return "investigated";
}

async function investigate(db: PrismaClient, env: Env, wake: Wake, now: Date): Promise<Investigation> {
  const request = await buildInvestigationRequest(db, env, wake);
  const outcome = await runInvestigation(request, {
    db,
    env,
    now,
    executeFix: (input) =>
      restartUnhealthyMachine(input, { sessionId: wake.sessionId, wakeId: wake.id, snapshotId: wake.snapshotId, requestedBy: "lookout:investigator" }, { db, env }),
  });
  const report = await buildInvestigationReport(db, env, { wake, request, outcome });
  // Stored only while the wake is still this consumer's: a consumer that lost it must not write a second result.
  return db.$transaction(async (tx) => {
    await holdOrThrow(tx, wake, { leaseExpiresAt: new Date((await databaseNow(tx)).getTime() + leaseTiming(env).leaseMs) });
    return tx.investigation.create({ data: investigationRow(wake, outcome, report, request.envelope.enabled, now) });
  });
}

function investigationRow(wake: Wake, outcome: InvestigationOutcome, report: InvestigationReport, envelopeEnabled: boolean, startedAt: Date) {
  return {
    wakeId: wake.id,
    sessionId: wake.sessionId,
    probe: wake.probe,
    category: wake.category,
    severity: wake.severity,
    route: outcome.route,
    engine: outcome.engine,
    fallbackReason: outcome.fallbackDetail ?? outcome.fallbackReason,
    model: outcome.model,
    inputTokens: outcome.usage.inputTokens,
    outputTokens: outcome.usage.outputTokens,
    cacheCreationTokens: outcome.usage.cacheCreationTokens,
    cacheReadTokens: outcome.usage.cacheReadTokens,
    costUsd: outcome.costUsd,
    summary: formatReportText(report),
    ...toReportColumns(report),
    envelopeEnabled,
    turns: outcome.turns,
    autofixAttempted: outcome.autofix.length > 0,
    autofixOutcome: describeAutofix(outcome.autofix),
    startedAt,
    completedAt: new Date(startedAt.getTime() + outcome.durationMs),
    durationMs: outcome.durationMs,
  };
}

/** Updates the wake only while this consumer's lease holds it (the claim set leaseOwner), else throws. */
async function holdOrThrow(tx: Pick<PrismaClient, "wake">, wake: Wake, data: Prisma.WakeUpdateManyMutationInput): Promise<void> {
  const { count } = await tx.wake.updateMany({ where: { id: wake.id, status: "processing", leaseOwner: wake.leaseOwner }, data });
  if (count !== 1) throw new WakeLeaseLost(wake.id);
}

async function complete(db: PrismaClient, wake: Wake, investigation: Investigation, dmStatus: DmStatus): Promise<void> {
  await db.$transaction(async (tx) => {
    await holdOrThrow(tx, wake, { status: "done", leaseOwner: null, leaseExpiresAt: null, lastError: null });
    await tx.investigation.update({ where: { id: investigation.id }, data: { dmStatus } });
    await writeAuditEvent(tx, {
      seam: "probe.investigation_completed",
      actor: "lookout:investigator",
      sessionId: wake.sessionId,
      probe: wake.probe as Parameters<typeof writeAuditEvent>[1]["probe"],
      details: {
        wake_id: wake.id,
        investigation_id: investigation.id,
        route: investigation.route,
        engine: investigation.engine,
        fallback_reason: investigation.fallbackReason,
        model: investigation.model,
        input_tokens: investigation.inputTokens,
        output_tokens: investigation.outputTokens,
        cache_creation_tokens: investigation.cacheCreationTokens,
        cache_read_tokens: investigation.cacheReadTokens,
        cost_usd: investigation.costUsd,
        summary: investigation.summary,
        analysis_format: investigation.analysisFormat,
        what_is_wrong: investigation.whatIsWrong,
        confidence: investigation.confidence,
        claim_check: investigation.claimCheck,
        claim_mismatch: investigation.claimMismatch,
        dm_status: dmStatus,
        autofix_attempted: investigation.autofixAttempted,
        autofix_outcome: investigation.autofixOutcome,
        duration_ms: investigation.durationMs,
      },
    });
    await tx.incident.update({
      where: { id: wake.incidentId },
      data: {
        investigationCount: { increment: 1 },
        costUsd: { increment: investigation.costUsd },
        lastDmStatus: dmStatus,
        ...(investigation.autofixOutcome ? { lastAutofixOutcome: investigation.autofixOutcome } : {}),
      },
    });
  });
}
