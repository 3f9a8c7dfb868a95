import type { Env } from "@/lib/env";
import { isEnvelopeEnabled } from "@/lib/envelopes/is-envelope-enabled";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findReportedMachine } from "./find-reported-machine";
import type { AutofixContext, AutofixRule, RestartMachineRequest } from "./types";
import { autofixSeam, readAutofixAttempt } from "./write-autofix-attempt";

// The envelope's rules, read from the database at execution time: nothing the wake or the model saw
// earlier counts. Each returns null when it passes, or the sentence the model reads as a tool error.

export interface RuleInput {
  tx: Prisma.TransactionClient;
  request: RestartMachineRequest;
  ctx: AutofixContext;
  env: Env;
  now: Date;
}
export type RuleFailure = { rule: AutofixRule; message: string };
type Rule = (input: RuleInput) => Promise<string | null>;

/** Bounds the audit reads. Only allowed attempts are read, and the rules themselves keep those few. */
const maxRowsRead = 500;

// Only an allowed attempt can refuse a restart, so only those rows are read: however many refusals an
// incident piles up, an earlier restart is never pushed out of the bounded read. The JSON text match
// narrows the read; readAutofixAttempt still decides.
const allowedAttempts = { seam: autofixSeam, details: { contains: '"outcome":"allowed"' } };

async function checkEnvelope({ tx, env }: RuleInput): Promise<string | null> {
  if (env.LOOKOUT_AUTOFIX_KILL_SWITCH) return "Autofix is switched off for every probe (LOOKOUT_AUTOFIX_KILL_SWITCH): restart nothing and tell the operator.";
  if (!(await isEnvelopeEnabled("fly", { db: tx, env }))) return "The Fly fix envelope is off: the operator has not enabled machine restarts, so restart nothing.";
  if (!env.FLY_API_TOKEN) return "The Fly fix envelope cannot act: FLY_API_TOKEN is not set.";
  return null;
}

async function checkMachine({ tx, request, ctx, env }: RuleInput): Promise<string | null> {
  if (!env.FLY_APPS.includes(request.app)) {
    return `App ${request.app} is not one of the Fly apps Lookout watches (${env.FLY_APPS.join(", ") || "none configured"}).`;
  }
  // The snapshot must be the one this incident's wake was emitted for, not any Fly snapshot.
  const wake = await tx.wake.findFirst({ where: { id: ctx.wakeId, sessionId: ctx.sessionId, snapshotId: ctx.snapshotId }, select: { id: true } });
  const snapshot = wake ? await tx.probeSnapshot.findUnique({ where: { id: ctx.snapshotId }, select: { probe: true, details: true } }) : null;
  if (!snapshot || snapshot.probe !== "fly") return `Snapshot ${ctx.snapshotId} is not a Fly snapshot of this incident, so no machine can be restarted.`;
  const match = findReportedMachine(snapshot.details, request.app, request.machine_id);
  return match.ok ? null : match.message;
}

async function checkOncePerIncident({ tx, ctx }: RuleInput): Promise<string | null> {
  const rows = await tx.auditEvent.findMany({
    where: { ...allowedAttempts, sessionId: ctx.sessionId },
    select: { details: true },
    take: maxRowsRead,
  });
  const earlier = rows.some((r) => readAutofixAttempt(r.details)?.outcome === "allowed");
  return earlier ? "Another restart already ran in this incident; Lookout restarts at most one machine per incident." : null;
}

async function checkCooldown({ tx, request, env, now }: RuleInput): Promise<string | null> {
  const minutes = env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES;
  if (minutes === 0) return null;
  const since = new Date(now.getTime() - minutes * 60_000);
  const rows = await tx.auditEvent.findMany({
    where: { ...allowedAttempts, probe: "fly", createdAt: { gte: since } },
    select: { details: true, createdAt: true },
    orderBy: { id: "desc" },
    take: maxRowsRead,
  });
  const last = rows.find((r) => {
    const attempt = readAutofixAttempt(r.details);
    return attempt?.outcome === "allowed" && attempt.app === request.app;
  });
  if (!last) return null;
  return `App ${request.app} had a machine restarted at ${last.createdAt.toISOString()}; the cooldown is ${minutes} min between restarts of one app.`;
}

const rules: Record<AutofixRule, Rule> = {
  envelope_enabled: checkEnvelope,
  machine_reported_unhealthy: checkMachine,
  one_restart_per_incident: checkOncePerIncident,
  app_cooldown: checkCooldown,
};

/** Runs the rules in the agreed order and returns the first that fails, or null when all pass. */
export async function checkRestartRules(input: RuleInput, order: readonly AutofixRule[]): Promise<RuleFailure | null> {
  for (const rule of order) {
    const message = await rules[rule](input);
    if (message) return { rule, message };
  }
  return null;
}
