import { dialectOf } from "@/lib/db/dialect";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { GLOBAL_FACTOR, type Admission, type FailureLimiter, type SignInLimits } from "./sign-in-limiter";

// A success relabels its client's rows rather than deleting them, so they still count toward the global
// limit as they do in memory. No client address is empty (clientAddress answers "unknown" instead).
const CLEARED = "";

/**
 * The sign-in limiter's rules (sign-in-limiter.ts) over `SignInFailure` rows, for databases that several
 * Lookout processes share: every instance counts the same failures, and a restart forgets none.
 */
export class DatabaseSignInLimiter implements FailureLimiter {
  constructor(
    private readonly db: PrismaClient,
    private readonly limits: SignInLimits,
  ) {}

  admit(client: string, now: number): Promise<Admission> {
    const { maxFailures, windowMs } = this.limits;
    const since = new Date(now - windowMs);
    return this.db.$transaction(async (tx) => {
      await dialectOf(tx).lockSignInFailures(tx);
      // Rows that left the window count for nobody; pruned here, so the table never holds more than a window.
      await tx.signInFailure.deleteMany({ where: { at: { lte: since } } });
      // Blocked until the limit-th newest failure leaves the window and the count falls below the limit.
      const blockedSince = (await nthNewestAt(tx, { client, at: { gt: since } }, maxFailures)) ?? (await nthNewestAt(tx, { at: { gt: since } }, maxFailures * GLOBAL_FACTOR));
      if (blockedSince) return { ok: false, retryAfterMs: Math.max(1, blockedSince.getTime() + windowMs - now) };
      await tx.signInFailure.create({ data: { client, at: new Date(now) } });
      return { ok: true, failures: await tx.signInFailure.count({ where: { client, at: { gt: since } } }) };
    });
  }

  async clear(client: string): Promise<void> {
    await this.db.signInFailure.updateMany({ where: { client }, data: { client: CLEARED } });
  }
}

async function nthNewestAt(tx: Prisma.TransactionClient, where: Prisma.SignInFailureWhereInput, n: number): Promise<Date | null> {
  const row = await tx.signInFailure.findFirst({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: n - 1, select: { at: true } });
  return row?.at ?? null;
}
