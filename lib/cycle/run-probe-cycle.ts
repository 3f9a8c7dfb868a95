import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db as defaultDb } from "@/lib/db";
import { describeError } from "@/lib/describe-error";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { probes } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeSnapshot } from "@/lib/probes/types";
import { emitWakes, type EmitSummary } from "@/lib/wake/emit-wakes";
import { createDbProbeMemory } from "./db-probe-memory";
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
  detection: Pick<EmitSummary, "resolved" | "failed" | "durationMs"> & { wakes: number; held: number };
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
        runProbe(probe, env, {
          timeoutMs: env.LOOKOUT_PROBE_TIMEOUT_MS,
          pageCap: env.LOOKOUT_PAGE_CAP,
          now: startedAt,
          memory: createDbProbeMemory(db, probe.name),
        }),
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
      select: { id: true, snapshots: { select: { id: true, probe: true } } },
    });
    const ids = new Map(cycle.snapshots.map((s) => [s.probe, s.id]));
    const detection = await detectSafely(db, env, snapshots.map((s) => ({ ...s, id: ids.get(s.probe)! })));
    return {
      ok: true,
      cycle: {
        cycleId: cycle.id,
        trigger,
        startedAt,
        finishedAt,
        durationMs,
        snapshots: snapshots.map(({ probe, status, latencyMs, error }) => ({ probe, status, latencyMs, error })),
        detection: {
          wakes: detection.wakes.length,
          held: detection.held.length,
          resolved: detection.resolved,
          failed: detection.failed,
          durationMs: detection.durationMs,
        },
      },
    };
  } finally {
    await releaseCycleLease(db, holder);
  }
}

// The cycle is already stored: whatever detection does, it must not take the cycle down with it.
async function detectSafely(db: PrismaClient, env: Env, snapshots: Parameters<typeof emitWakes>[0]["snapshots"]): Promise<EmitSummary> {
  try {
    return await emitWakes({ db, env, snapshots });
  } catch (error) {
    const message = describeError(error);
    console.error(`[lookout] detection failed; the cycle is stored: ${message}`);
    return { wakes: [], held: [], resolved: 0, failed: [{ probe: "*", error: message }], durationMs: 0 };
  }
}
