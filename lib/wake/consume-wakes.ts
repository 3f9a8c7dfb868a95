import { randomUUID } from "node:crypto";
import { db as defaultDb } from "@/lib/db";
import { leaseClock } from "@/lib/db/lease-clock";
import { describeError } from "@/lib/describe-error";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient, Wake } from "@/lib/generated/prisma/client";
import { drainOutbox } from "@/lib/slack/drain-outbox";
import { leaseTiming } from "@/lib/lease-timing";
import { claimWakes, renewWakeLease } from "./claim-wakes";
import { keepLease } from "@/lib/keep-lease";
import { closeEndedWindows } from "@/lib/maintenance/maintenance-windows";
import { notifyResolutions } from "./notify-resolutions";
import { queueReminders } from "./queue-reminders";
import { processWake, WakeLeaseLost } from "./process-wake";
import type { TimeBudget } from "@/lib/time-budget";

export interface ConsumeSummary {
  investigated: number;
  debounced: number;
  /** Wakes put back until another consumer's investigation of the same issue is stored. */
  deferred: number;
  retried: number;
  failed: number;
  /** Wakes another consumer took over while this one worked on them (this one's lease ran out). */
  takenOver: number;
  resolutionsNotified: number;
  /** Reminders written into the outbox for open, unacknowledged incidents (the drain then delivers them). */
  remindersQueued: number;
  /** Outbox messages delivered, or given up on, by the drain at the end of the pass. */
  dmsSent: number;
  dmsUndelivered: number;
  /** Passes that stopped claiming because their time was running out: the wakes left are the next pass's. */
  outOfTime: number;
}

/**
 * A wake is not claimed with less than this left of the budget: time for one investigation, the resolution
 * notes and the outbox drain. A wake that still runs over is kept by its lease and taken by the next pass.
 */
export const WAKE_CLAIM_MARGIN_MS = 20_000;
const MAX_BACKOFF_MS = 10 * 60_000;

// One consumer per process at a time; a trigger that arrives meanwhile makes the running one go round again.
const globalForConsumer = globalThis as unknown as { lookoutConsumer?: { running: Promise<ConsumeSummary>; again: boolean } };

/**
 * Consumes every due wake: right after a cycle (through `after()`), and as the retry sweep. At-least-once
 * and idempotent per wake; a wake that keeps failing backs off and is marked failed after its attempts.
 */
export interface ConsumeDeps {
  db?: PrismaClient;
  env?: Env;
  now?: () => Date;
  /** A serverless function's remaining time; unset on a long-running server. */
  budget?: TimeBudget;
}

export function consumeWakes(deps: ConsumeDeps = {}): Promise<ConsumeSummary> {
  const current = globalForConsumer.lookoutConsumer;
  if (current) {
    current.again = true;
    return current.running;
  }
  const state = { again: false, running: Promise.resolve(emptySummary()) };
  state.running = (async () => {
    const total = emptySummary();
    try {
      do {
        state.again = false;
        add(total, await consumeOnce(deps));
      } while (state.again && total.outOfTime === 0);
      return total;
    } finally {
      globalForConsumer.lookoutConsumer = undefined;
    }
  })();
  globalForConsumer.lookoutConsumer = state;
  return state.running;
}

async function consumeOnce({ db = defaultDb, env = getEnv(), now, budget }: ConsumeDeps) {
  const summary = emptySummary();
  const owner = `consumer:${randomUUID()}`;
  const { leaseMs, renewMs } = leaseTiming(env);
  const clock = leaseClock(db, now);
  for (;;) {
    if (budget && budget.remainingMs() < WAKE_CLAIM_MARGIN_MS) {
      summary.outOfTime++;
      break;
    }
    // One at a time: a claimed wake is worked on at once, under a lease that is renewed, and a pass that
    // stops at its budget leaves every unclaimed wake untouched (its attempts unspent).
    const wakes = await claimWakes(db, { owner, limit: 1, now: await clock(), leaseMs });
    if (wakes.length === 0) break;
    for (const wake of wakes) {
      const lease = keepLease(`wake ${wake.id}`, () => renewWakeLease(db, { id: wake.id, owner, leaseMs }), renewMs);
      try {
        const result = await processWake(db, env, wake, await clock());
        summary[result]++;
      } catch (error) {
        if (error instanceof WakeLeaseLost) summary.takenOver++;
        else summary[(await releaseForRetry(db, env, wake, error, await clock())) ? "retried" : "failed"]++;
      } finally {
        lease.stop();
      }
    }
  }
  summary.resolutionsNotified = await notifyResolutions({ db, env, now: await clock() });
  await closeEndedWindows(db, await clock());
  summary.remindersQueued = await queueReminders({ db, env, now: await clock() });
  const drained = await drainOutbox({ db, env, now });
  summary.dmsSent = drained.sent;
  summary.dmsUndelivered = drained.failed + drained.unknown;
  return summary;
}

/** Backs a failed wake off exponentially (5 s, 10 s, 20 s…), or marks it failed once it used its attempts. */
async function releaseForRetry(db: PrismaClient, env: Env, wake: Wake, error: unknown, now: Date): Promise<boolean> {
  const message = describeError(error);
  const exhausted = wake.attempts >= env.LOOKOUT_WAKE_MAX_ATTEMPTS;
  console.error(`[lookout] wake ${wake.id} (${wake.sessionId}) attempt ${wake.attempts} failed${exhausted ? ", giving up" : ""}: ${message}`);
  const backoff = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, wake.attempts - 1));
  // Conditional like every wake write: a consumer that lost the wake leaves it to the one that took it.
  await db.wake.updateMany({
    where: { id: wake.id, leaseOwner: wake.leaseOwner },
    data: {
      status: exhausted ? "failed" : "pending",
      nextAttemptAt: new Date(now.getTime() + backoff),
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: message,
    },
  });
  return !exhausted;
}

function emptySummary(): ConsumeSummary {
  return { investigated: 0, debounced: 0, deferred: 0, retried: 0, failed: 0, takenOver: 0, resolutionsNotified: 0, remindersQueued: 0, dmsSent: 0, dmsUndelivered: 0, outOfTime: 0 };
}

function add(total: ConsumeSummary, part: ConsumeSummary): void {
  for (const key of Object.keys(total) as (keyof ConsumeSummary)[]) total[key] += part[key];
}
