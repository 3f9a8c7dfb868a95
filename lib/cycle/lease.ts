import type { PrismaClient } from "@/lib/generated/prisma/client";

const LEASE_NAME = "probe-cycle";

export interface LeaseHolder {
  holder: string;
  trigger: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LeaseResult = { acquired: true } | { acquired: false; heldBy: LeaseHolder | null };

/**
 * Takes the cycle lease with single atomic statements, so two triggers in any process cannot both win:
 * insert when free, else take it over only if the current holder's lease has expired (a crashed cycle).
 */
export async function acquireCycleLease(
  db: PrismaClient,
  { holder, trigger, ttlMs, now = new Date() }: { holder: string; trigger: string; ttlMs: number; now?: Date },
): Promise<LeaseResult> {
  const data = { holder, trigger, acquiredAt: now, expiresAt: new Date(now.getTime() + ttlMs) };
  try {
    await db.cycleLease.create({ data: { name: LEASE_NAME, ...data } });
    return { acquired: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const takeover = await db.cycleLease.updateMany({ where: { name: LEASE_NAME, expiresAt: { lte: now } }, data });
  if (takeover.count === 1) return { acquired: true };
  const heldBy = await db.cycleLease.findUnique({ where: { name: LEASE_NAME } });
  return { acquired: false, heldBy };
}

export async function releaseCycleLease(db: PrismaClient, holder: string): Promise<void> {
  await db.cycleLease.deleteMany({ where: { name: LEASE_NAME, holder } });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
