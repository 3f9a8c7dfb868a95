import type { z } from "zod";
import { db as defaultDb } from "@/lib/db";
import { dialectOf } from "@/lib/db/dialect";
import { describeError } from "@/lib/describe-error";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listCredentials, redactText } from "@/lib/redact";
import { checkRestartRules } from "./check-restart-rules";
import { requestFlyRestart } from "./request-fly-restart";
import { autofixRules, restartMachineRequest, type AutofixContext, type AutofixResult, type RestartMachineRequest } from "./types";
import { writeAutofixAttempt, type AutofixAttempt } from "./write-autofix-attempt";

export { describeAutofix } from "./describe-autofix";

// The Fly envelope's executor. Whatever the request says, it restarts at most one machine that this
// incident's own snapshot reported unhealthy, and only while the operator keeps the envelope on.

export interface AutofixDeps {
  db?: PrismaClient;
  env?: Env;
  now?: Date;
}

type Claim = { claimed: true } | { claimed: false; result: AutofixResult };

const rawField = (request: unknown, key: string): string | null => {
  const value = typeof request === "object" && request !== null ? (request as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value.slice(0, 100) : null;
};

function describeInvalid(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join(".")}: ` : "";
  return `Invalid restart request (${where}${issue?.message ?? "unexpected shape"}); send { app, machine_id, reason? }.`;
}

/**
 * Checks every rule and writes the attempt row in ONE transaction, so the check and the claim are a
 * single step: a second executor for the same incident waits for this commit, then sees the claim.
 */
async function claimRestart(db: PrismaClient, request: RestartMachineRequest, ctx: AutofixContext, env: Env, now: Date): Promise<Claim> {
  const base = { app: request.app, machine_id: request.machine_id, reason: request.reason ?? null };
  return db.$transaction(
    async (tx) => {
      // Before reading: an executor in another process waits here instead of reading a stale snapshot.
      await dialectOf(tx).lockRestartClaim(tx);
      const failure = await checkRestartRules({ tx, request, ctx, env, now }, autofixRules);
      if (failure) {
        await writeAutofixAttempt(tx, ctx, { ...base, outcome: "refused", rule: failure.rule, message: failure.message }, now);
        return { claimed: false, result: { outcome: "refused", rule: failure.rule, app: request.app, machineId: request.machine_id, message: failure.message } };
      }
      const message = `Restarting machine ${request.machine_id} in ${request.app}.`;
      await writeAutofixAttempt(tx, ctx, { ...base, outcome: "allowed", message }, now);
      return { claimed: true };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** Writes a row outside any larger change; a failure to write is reported, not thrown. */
async function recordAttempt(db: PrismaClient, ctx: AutofixContext, attempt: AutofixAttempt, at: Date): Promise<void> {
  try {
    await db.$transaction((tx) => writeAutofixAttempt(tx, ctx, attempt, at));
  } catch (err) {
    console.error(`[lookout] autofix: could not record the ${attempt.outcome} attempt for ${ctx.sessionId}: ${describeError(err)}`);
  }
}

/** Restarts one unhealthy Fly machine if every envelope rule allows it now. Never throws. */
export async function restartUnhealthyMachine(request: unknown, ctx: AutofixContext, deps: AutofixDeps = {}): Promise<AutofixResult> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? new Date();
  const parsed = restartMachineRequest.safeParse(request);
  if (!parsed.success) {
    const app = rawField(request, "app");
    const machineId = rawField(request, "machine_id");
    const message = describeInvalid(parsed.error);
    await recordAttempt(db, ctx, { outcome: "refused", rule: "invalid_request", app, machine_id: machineId, reason: rawField(request, "reason"), message }, now);
    return { outcome: "refused", rule: "invalid_request", app, machineId, message };
  }

  const target = parsed.data;
  const base = { app: target.app, machine_id: target.machine_id, reason: target.reason ?? null };
  let env: Env;
  let claim: Claim;
  try {
    env = deps.env ?? getEnv();
    claim = await claimRestart(db, target, ctx, env, now);
  } catch (err) {
    // Fails closed: without a committed claim nothing is restarted.
    const message = `Restart not attempted: the envelope check could not complete (${describeError(err)}).`;
    await recordAttempt(db, ctx, { ...base, outcome: "failed", message }, deps.now ?? new Date());
    return { outcome: "failed", app: target.app, machineId: target.machine_id, message };
  }
  if (!claim.claimed) return claim.result;

  // Outside the transaction: a slow vendor call must not hold the claim's lock.
  const result = await requestFlyRestart({ apiUrl: env.FLY_API_URL, token: env.FLY_API_TOKEN ?? "", app: target.app, machineId: target.machine_id });
  const at = deps.now ?? new Date();
  if (result.ok) {
    const message = `Restarted machine ${target.machine_id} in ${target.app}.`;
    await recordAttempt(db, ctx, { ...base, outcome: "succeeded", message }, at);
    return { outcome: "succeeded", app: target.app, machineId: target.machine_id, message };
  }
  const error = redactText(result.error, listCredentials(env)).replace(/\s+/g, " ");
  const message = `Restart of machine ${target.machine_id} in ${target.app} failed: ${error}`;
  await recordAttempt(db, ctx, { ...base, outcome: "failed", message }, at);
  return { outcome: "failed", app: target.app, machineId: target.machine_id, message };
}
