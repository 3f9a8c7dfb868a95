import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { probeNames } from "@/lib/probes/types";
import { sendResolutionDm } from "@/lib/slack/send-dm";

const LOOKBACK_MS = 24 * 3_600_000;

/**
 * Tells the operator, in the incident's DM thread, that an incident they were told about has resolved.
 * Incidents whose first message has not reached the operator get no resolution message: when that message
 * is delivered late, it says the incident resolved in its first line (the resolution is folded into it).
 * A resolution already in the outbox, in any state, is the outbox's to deliver.
 */
export async function notifyResolutions({ db, env, now }: { db: PrismaClient; env: Env; now: Date }): Promise<number> {
  const resolved = await db.incident.findMany({
    // Per probe, so the (probe, resolvedAt) index answers it: this runs on every 10 s sweep, however long the history.
    where: { probe: { in: [...probeNames] }, resolvedAt: { gte: new Date(now.getTime() - LOOKBACK_MS) } },
    select: { sessionId: true, probe: true, title: true, openedAt: true, resolvedAt: true },
  });
  if (resolved.length === 0) return 0;
  const messages = await db.dmMessage.findMany({
    where: { sessionId: { in: resolved.map((i) => i.sessionId) } },
    select: { sessionId: true, kind: true, status: true },
  });
  let sent = 0;
  for (const incident of resolved) {
    const told = messages.some((m) => m.sessionId === incident.sessionId && m.kind === "investigation" && m.status === "sent");
    const done = messages.some((m) => m.sessionId === incident.sessionId && m.kind === "resolution");
    if (!told || done) continue;
    const result = await sendResolutionDm(
      {
        sessionId: incident.sessionId,
        probe: incident.probe,
        title: incident.title,
        durationS: Math.round((incident.resolvedAt!.getTime() - incident.openedAt.getTime()) / 1000),
      },
      { db, env },
    );
    if (result.status === "sent" && !result.alreadySent) sent++;
  }
  return sent;
}
