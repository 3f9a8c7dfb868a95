import { databaseNow } from "@/lib/db/dialect";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const LEASE_NAME = "probe-cycle";

export interface LeaseHolder {
  holder: string;
  trigger: string;
  acquiredAt: Date;
  expiresAt: Date;
}

/** `at` is the time the lease was judged at: the database's clock unless the caller passed `now`. */
export type LeaseResult =
  | { acquired: true; at: Date }
  /** `held`: a cycle is running now; `coalesced`: the last one started less than the minimum spacing ago. */
  | { acquired: false; at: Date; reason: "held" | "coalesced"; heldBy: LeaseHolder | null };

/**
 * Takes the cycle lease with single atomic statements, so two triggers in any process cannot both win:
 * insert the first time, else take it over only when it is free (released, or expired after a crash) and
 * the last cycle started at least `spacingMs` ago. The row outlives each cycle: its `acquiredAt` is when
 * the last cycle started, which is what a burst of triggers is coalesced against. Judged by the database's
 * clock, so instances whose clocks disagree still agree on who holds it.
 */
export async function acquireCycleLease(
  db: PrismaClient,
  { holder, trigger, spacingMs = 0, ttlMs, now }: { holder: string; trigger: string; spacingMs?: number; ttlMs: number; now?: Date },
): Promise<LeaseResult> {
  const at = now ?? (await databaseNow(db));
  const data = { holder, trigger, acquiredAt: at, expiresAt: new Date(at.getTime() + ttlMs) };
  try {
    await db.cycleLease.create({ data: { name: LEASE_NAME, ...data } });
    return { acquired: true, at };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const free = { name: LEASE_NAME, expiresAt: { lte: at }, acquiredAt: { lte: new Date(at.getTime() - spacingMs) } };
  const takeover = await db.cycleLease.updateMany({ where: free, data });
  if (takeover.count === 1) return { acquired: true, at };
  const heldBy = await db.cycleLease.findUnique({ where: { name: LEASE_NAME } });
  return { acquired: false, at, reason: heldBy && heldBy.expiresAt > at ? "held" : "coalesced", heldBy };
}

/**
 * Extends the lease while `holder` has it; false once another cycle took it over. Renewed while the cycle
 * runs, so a long cycle keeps it and a crashed one's runs out one short lease later.
 */
export async function renewCycleLease(db: PrismaClient, holder: string, { ttlMs, now }: { ttlMs: number; now?: Date }): Promise<boolean> {
  now ??= await databaseNow(db);
  const { count } = await db.cycleLease.updateMany({ where: { name: LEASE_NAME, holder }, data: { expiresAt: new Date(now.getTime() + ttlMs) } });
  return count === 1;
}

/** Frees the lease at once, keeping when this cycle started for the spacing of the next one. */
export async function releaseCycleLease(db: PrismaClient, holder: string, now?: Date): Promise<void> {
  now ??= await databaseNow(db);
  await db.cycleLease.updateMany({ where: { name: LEASE_NAME, holder }, data: { expiresAt: now } });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
