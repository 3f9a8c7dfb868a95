// Reads what an incident left behind, in the shared database and in the simulator's Slack.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Simulator } from "@/simulator/server";
import { waitFor } from "./instance-stack";

/**
 * The open incident of `probe`, once every wake of it is settled (investigated, debounced or failed) and no
 * DM is left in the outbox to send: the point where its investigations and DMs can be counted.
 */
export async function settledIncident(db: PrismaClient, probe: string, timeoutMs = 60_000) {
  return waitFor(
    `the ${probe} incident's wakes and DMs to settle`,
    async () => {
      const incident = await db.incident.findFirst({ where: { probe, resolvedAt: null } });
      if (!incident) return null;
      const unsettled = await db.wake.count({ where: { sessionId: incident.sessionId, status: { in: ["pending", "processing"] } } });
      const unsent = await db.dmMessage.count({ where: { sessionId: incident.sessionId, status: { in: ["queued", "sending"] } } });
      const wakes = await db.wake.count({ where: { sessionId: incident.sessionId } });
      return wakes > 0 && unsettled === 0 && unsent === 0 ? incident : null;
    },
    timeoutMs,
  );
}

/** The investigation DMs the simulator's Slack holds for these wakes, and the chat.postMessage calls that carried them. */
export function countDms(sim: Simulator, wakeIds: string[]): { posted: number; postMessageCalls: number } {
  const keys = new Set(wakeIds.map((id) => `investigation:${id}`));
  const posted = sim.state.slack.messages.filter((m) => keys.has(String(m.metadata?.event_payload?.key))).length;
  const postMessageCalls = sim.requests().filter((r) => r.path.endsWith("/chat.postMessage") && wakeIds.some((id) => r.body.includes(id))).length;
  return { posted, postMessageCalls };
}
