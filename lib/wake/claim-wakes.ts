import { databaseNow } from "@/lib/db/dialect";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A wake that is due: pending and past its backoff, or processing under a lease that expired (a crashed consumer). */
function dueWhere(now: Date) {
  return {
    OR: [
      { status: "pending", nextAttemptAt: { lte: now } },
      { status: "processing", leaseExpiresAt: { lt: now } },
    ],
  };
}

/**
 * Claims up to `limit` due wakes, oldest first. Each claim is one conditional UPDATE, so two consumers
 * (two processes, or a sweep racing a post-cycle run) can never both hold the same wake. Judged by the
 * database's clock unless `now` is given, so consumers whose clocks disagree agree on which leases ran out.
 */
export async function claimWakes(db: PrismaClient, { owner, limit, now, leaseMs }: { owner: string; limit: number; now?: Date; leaseMs: number }) {
  now ??= await databaseNow(db);
  const candidates = await db.wake.findMany({ where: dueWhere(now), orderBy: { createdAt: "asc" }, take: limit, select: { id: true } });
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const { count } = await db.wake.updateMany({
      where: { id, ...dueWhere(now) },
      data: { status: "processing", leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push(id);
  }
  if (claimed.length === 0) return [];
  return db.wake.findMany({ where: { id: { in: claimed } }, orderBy: { createdAt: "asc" } });
}

/**
 * Extends the lease while `owner` still holds the wake; false when it no longer does. Renewed while the
 * consumer works on the wake (investigation, autofix, DM), so a slow investigation keeps its wake and a
 * crashed consumer's wake is due again one short lease later.
 */
export async function renewWakeLease(db: PrismaClient, { id, owner, now, leaseMs }: { id: string; owner: string; now?: Date; leaseMs: number }): Promise<boolean> {
  now ??= await databaseNow(db);
  const { count } = await db.wake.updateMany({ where: { id, status: "processing", leaseOwner: owner }, data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) } });
  return count === 1;
}
