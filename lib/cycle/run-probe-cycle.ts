import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { probes } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeSnapshot } from "@/lib/probes/types";
import { acquireCycleLease, releaseCycleLease, type LeaseHolder } from "./lease";

export const cycleTriggerSchema = z.enum(["cron", "scheduler", "manual"]);
export type CycleTrigger = z.infer<typeof cycleTriggerSchema>;

export interface CycleSummary {
  cycleId: string;
  trigger: CycleTrigger;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  snapshots: Pick<ProbeSnapshot, "probe" | "status" | "latencyMs" | "error">[];
}

export type CycleResult =
  | { ok: true; cycle: CycleSummary }
  | { ok: false; reason: "cycle_in_progress"; message: string; heldBy: LeaseHolder | null };

// A lease outlives the slowest possible cycle (every probe is bounded by its timeout) by a margin.
const LEASE_MARGIN_MS = 30_000;

/** Runs every probe concurrently and stores the cycle with its snapshots in one write. */
export async function runProbeCycle({
  trigger,
  env = getEnv(),
  db = defaultDb,
}: {
  trigger: CycleTrigger;
  env?: Env;
  db?: PrismaClient;
}): Promise<CycleResult> {
  const holder = `${trigger}:${randomUUID()}`;
  const lease = await acquireCycleLease(db, { holder, trigger, ttlMs: env.LOOKOUT_PROBE_TIMEOUT_MS + LEASE_MARGIN_MS });
  if (!lease.acquired) {
    const since = lease.heldBy ? ` (started by ${lease.heldBy.trigger} at ${lease.heldBy.acquiredAt.toISOString()})` : "";
    return { ok: false, reason: "cycle_in_progress", message: `Another probe cycle is already running${since}.`, heldBy: lease.heldBy };
  }
  try {
    const startedAt = new Date();
    const snapshots = await Promise.all(
      probes.map((probe) =>
        runProbe(probe, env, { timeoutMs: env.LOOKOUT_PROBE_TIMEOUT_MS, pageCap: env.LOOKOUT_PAGE_CAP, now: startedAt }),
      ),
    );
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - startedAt.getTime();
    const cycle = await db.probeCycle.create({
      data: {
        trigger,
        startedAt,
        finishedAt,
        durationMs,
        snapshots: {
          create: snapshots.map((s) => ({
            probe: s.probe,
            status: s.status,
            latencyMs: s.latencyMs,
            details: JSON.stringify(s.details),
            error: s.error,
            observedAt: s.observedAt,
          })),
        },
      },
      select: { id: true },
    });
    return {
      ok: true,
      cycle: {
        cycleId: cycle.id,
        trigger,
        startedAt,
        finishedAt,
        durationMs,
        snapshots: snapshots.map(({ probe, status, latencyMs, error }) => ({ probe, status, latencyMs, error })),
      },
    };
  } finally {
    await releaseCycleLease(db, holder);
  }
}
