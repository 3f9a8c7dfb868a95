import { randomUUID } from "node:crypto";
import { leaseClock } from "@/lib/db/lease-clock";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { leaseTiming } from "@/lib/lease-timing";
import { deliverClaimedDm } from "@/lib/slack/deliver-dm";
import { claimDm, listDueDms } from "@/lib/slack/outbox-records";

export interface DrainSummary {
  sent: number;
  retrying: number;
  failed: number;
  unknown: number;
  /** Updates with no first message to redraw yet (that message shows the state when it is sent). */
  folded: number;
}

const BATCH = 20;

/**
 * Delivers every message that is due: queued past its backoff, or left mid-delivery by a crash. Run after
 * each consumer pass and by the embedded scheduler's outbox timer, so retries go on whether or not
 * probes find anything; several processes may drain at once, each message being claimed by one.
 */
export async function drainOutbox({ db, env, now }: { db: PrismaClient; env: Env; now?: () => Date }): Promise<DrainSummary> {
  const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0, unknown: 0, folded: 0 };
  const clock = leaseClock(db, now);
  const owner = `outbox:${randomUUID()}`;
  const seen = new Set<string>();
  for (;;) {
    const keys = (await listDueDms(db, await clock(), BATCH)).filter((k) => !seen.has(k));
    if (keys.length === 0) return summary;
    for (const key of keys) {
      seen.add(key);
      const row = await claimDm(db, key, { owner, now: await clock(), leaseMs: leaseTiming(env).leaseMs });
      if (!row) continue;
      const outcome = await deliverClaimedDm(row, owner, { db, env, now });
      if (!outcome) continue;
      if (outcome.status === "sent") summary.sent++;
      else if (outcome.status === "queued") summary.retrying++;
      else summary[outcome.status]++;
    }
  }
}
