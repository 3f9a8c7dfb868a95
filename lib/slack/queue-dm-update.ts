import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Asks for the incident's first DM to be redrawn in place (chat.update) with the incident's state at delivery
 * time (acknowledged, silenced, flapping). Written in the caller's transaction, with a key per change, so
 * the change and its redraw commit together and a change redrawn once is never redrawn twice.
 */
export async function queueDmUpdate(tx: Prisma.TransactionClient, sessionId: string, change: string, now: Date): Promise<void> {
  const dedupeKey = `update:${sessionId}:${change}`;
  await tx.dmMessage.upsert({
    where: { dedupeKey },
    create: { sessionId, dedupeKey, kind: "update", text: `Update of the incident's message: ${change}`, status: "queued", nextAttemptAt: now, createdAt: now },
    update: {},
  });
}
