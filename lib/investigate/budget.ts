import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Midnight UTC of `now`'s day: the budget resets there, whatever the server's time zone. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** USD spent on investigations started since UTC midnight, in one aggregate query. */
export async function getAiSpendToday(db: PrismaClient, now: Date): Promise<number> {
  const result = await db.investigation.aggregate({
    where: { startedAt: { gte: startOfUtcDay(now) } },
    _sum: { costUsd: true },
  });
  return result._sum.costUsd ?? 0;
}

/** A budget of 0 turns the AI engine off: nothing may be spent. */
export function isBudgetExhausted(spentUsd: number, budgetUsd: number): boolean {
  return spentUsd >= budgetUsd;
}

export interface BudgetStatus {
  spentUsd: number;
  budgetUsd: number;
  exhausted: boolean;
}

export async function getBudgetStatus(db: PrismaClient, env: Env, now: Date): Promise<BudgetStatus> {
  const spentUsd = await getAiSpendToday(db, now);
  const budgetUsd = env.LOOKOUT_AI_DAILY_BUDGET_USD;
  return { spentUsd, budgetUsd, exhausted: isBudgetExhausted(spentUsd, budgetUsd) };
}

/** Four places for the spend so a few small runs stay visible; cents for the budget. */
export function describeBudget({ spentUsd, budgetUsd }: BudgetStatus): string {
  return `$${spentUsd.toFixed(4)} of the $${budgetUsd.toFixed(2)} daily AI budget spent today (UTC)`;
}
