import { describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getAiSpendToday, isBudgetExhausted, startOfUtcDay } from "@/lib/investigate/budget";

describe("the daily AI budget", () => {
  it("counts from midnight UTC, whatever the local time", () => {
    expect(startOfUtcDay(new Date("2026-11-25T23:59:59.999-05:00")).toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(startOfUtcDay(new Date("2026-11-25T00:00:00.000Z")).toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });

  it("sums today's investigation costs in one aggregate query", async () => {
    const aggregate = vi.fn(async () => ({ _sum: { costUsd: 1.25 } }));
    const db = { investigation: { aggregate } } as unknown as PrismaClient;
    expect(await getAiSpendToday(db, new Date("2026-11-25T15:00:00Z"))).toBe(1.25);
    expect(aggregate).toHaveBeenCalledWith({ where: { startedAt: { gte: new Date("2026-11-25T00:00:00Z") } }, _sum: { costUsd: true } });
    aggregate.mockResolvedValueOnce({ _sum: { costUsd: null } } as never);
    expect(await getAiSpendToday(db, new Date())).toBe(0);
  });

  it("is exhausted at the budget, and always when the budget is 0", () => {
    expect(isBudgetExhausted(4.99, 5)).toBe(false);
    expect(isBudgetExhausted(5, 5)).toBe(true);
    expect(isBudgetExhausted(0, 0)).toBe(true);
  });
});
