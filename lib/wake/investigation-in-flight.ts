import type { PrismaClient, Wake } from "@/lib/generated/prisma/client";

/**
 * An older wake of the same (probe, category) that another consumer holds under a live lease: its
 * investigation is running and not stored yet, so the debounce cannot see it. Two instances each consuming
 * one wake of the same incident would otherwise both investigate and both DM. Only older wakes count, so of
 * two wakes claimed at once exactly one goes ahead.
 */
export function findInvestigationInFlight(db: Pick<PrismaClient, "wake">, wake: Pick<Wake, "id" | "probe" | "category" | "createdAt" | "leaseOwner">, now: Date) {
  return db.wake.findFirst({
    where: {
      probe: wake.probe,
      category: wake.category,
      status: "processing",
      leaseExpiresAt: { gt: now },
      NOT: { leaseOwner: wake.leaseOwner },
      OR: [{ createdAt: { lt: wake.createdAt } }, { createdAt: wake.createdAt, id: { lt: wake.id } }],
    },
    orderBy: { leaseExpiresAt: "desc" },
    select: { id: true, leaseExpiresAt: true },
  });
}
