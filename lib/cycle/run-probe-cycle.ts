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
import { keepLease } from "@/lib/keep-lease";
import { leaseTiming } from "@/lib/lease-timing";
import { cycleSpacingMs } from "./cycle-spacing";
import { acquireCycleLease, releaseCycleLease, renewCycleLease, type LeaseHolder } from "./lease";

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

/** A cycle that ran before this trigger: what a coalesced trigger answers with (detection figures are not stored). */
export type PastCycleSummary = Omit<CycleSummary, "detection">;

export type CycleResult =
  | { ok: true; coalesced: false; cycle: CycleSummary }
  | { ok: true; coalesced: true; cycle: PastCycleSummary; message: string }
  | { ok: false; reason: "cycle_in_progress"; message: string; heldBy: LeaseHolder | null };

/**
 * Runs every probe concurrently and stores the cycle with its snapshots in one write. `intervalMs` is the
 * scheduler's interval, for its ticks.
 */
export async function runProbeCycle({
  trigger,
  env = getEnv(),
  db = defaultDb,
  intervalMs,
}: {
  trigger: CycleTrigger;
  env?: Env;
  db?: PrismaClient;
  intervalMs?: number;
}): Promise<CycleResult> {
  const holder = `${trigger}:${randomUUID()}`;
  const { leaseMs, renewMs } = leaseTiming(env);
  const lease = await acquireCycleLease(db, { holder, trigger, ttlMs: leaseMs, spacingMs: cycleSpacingMs(trigger, env, intervalMs) });
  if (!lease.acquired) {
    const past = lease.reason === "coalesced" && lease.heldBy ? await findPastCycle(db, lease.heldBy.acquiredAt) : null;
    if (past) {
      const message = `A probe cycle started ${Math.max(0, Math.round((lease.at.getTime() - past.startedAt.getTime()) / 1000))} s ago (by ${past.trigger}); this trigger answers with its result.`;
      return { ok: true, coalesced: true, cycle: past, message };
    }
    const since = lease.heldBy ? ` (started by ${lease.heldBy.trigger} at ${lease.heldBy.acquiredAt.toISOString()})` : "";
    return { ok: false, reason: "cycle_in_progress", message: `Another probe cycle is already running${since}.`, heldBy: lease.heldBy };
  }
  const keeper = keepLease("the probe cycle", () => renewCycleLease(db, holder, { ttlMs: leaseMs }), renewMs);
  try {
    // On the lease's clock (the database's), so the stored start is never before the lease's and a
    // coalesced trigger in any instance finds this cycle; only the duration is measured here.
    const startedAt = lease.at;
    const started = performance.now();
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
    const durationMs = Math.round(performance.now() - started);
    const finishedAt = new Date(startedAt.getTime() + durationMs);
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
      coalesced: false,
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
    keeper.stop();
    await releaseCycleLease(db, holder);
  }
}

/** The stored cycle that the lease's last start belongs to; null while it is still running (or never stored). */
async function findPastCycle(db: PrismaClient, startedAtLeast: Date): Promise<PastCycleSummary | null> {
  const row = await db.probeCycle.findFirst({
    // The row's startedAt is taken just after the lease, so it is never earlier than the lease's start.
    where: { startedAt: { gte: startedAtLeast } },
    orderBy: { startedAt: "desc" },
    select: { id: true, trigger: true, startedAt: true, finishedAt: true, durationMs: true, snapshots: { select: { probe: true, status: true, latencyMs: true, error: true } } },
  });
  if (!row) return null;
  const trigger = cycleTriggerSchema.safeParse(row.trigger);
  return {
    cycleId: row.id,
    trigger: trigger.success ? trigger.data : "scheduler",
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: row.durationMs,
    snapshots: row.snapshots.map((s) => ({ probe: s.probe as ProbeSnapshot["probe"], status: s.status as ProbeSnapshot["status"], latencyMs: s.latencyMs, error: s.error })),
  };
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
