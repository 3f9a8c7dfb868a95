import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { describeFigures } from "@/lib/detect/describe-figures";
import { findActiveWindows, findSilencingWindow } from "@/lib/maintenance/maintenance-windows";
import { parseStoredDetails } from "@/lib/probes/stored-details";
import type { ProbeName } from "@/lib/probes/types";
import { listCredentials } from "@/lib/redact";
import { buildReminderMessage } from "@/lib/slack/build-reminder-message";
import { enqueueDm } from "@/lib/slack/outbox-records";

/**
 * Queues a reminder in the DM thread of each open incident the operator was told about and has not
 * acknowledged, every LOOKOUT_REMINDER_MINUTES since it opened; not while it flaps or a window silences
 * it. Reminder n of an incident is written once, whoever runs this (the incident's count moves with it in
 * one transaction); reminders missed while Lookout was down are not sent in a burst, only the latest.
 */
export async function queueReminders({ db, env, now }: { db: PrismaClient; env: Env; now: Date }): Promise<number> {
  const intervalMs = env.LOOKOUT_REMINDER_MINUTES * 60_000;
  if (intervalMs === 0) return 0;
  const due = await db.incident.findMany({
    where: { resolvedAt: null, acknowledgedAt: null, openedAt: { lte: new Date(now.getTime() - intervalMs) } },
    select: { id: true, sessionId: true, probe: true, title: true, openedAt: true, reminderCount: true, flappingSince: true, flappingEndedAt: true },
  });
  const candidates = due.filter((i) => (!i.flappingSince || i.flappingEndedAt) && reminderNumber(i.openedAt, now, intervalMs) > i.reminderCount);
  if (candidates.length === 0) return 0;
  const [windows, told] = await Promise.all([
    findActiveWindows(db, now),
    db.dmMessage.findMany({ where: { sessionId: { in: candidates.map((i) => i.sessionId) }, kind: "investigation", status: "sent" }, select: { sessionId: true } }),
  ]);
  const toldSessions = new Set(told.map((m) => m.sessionId));
  const latest = await latestSnapshots(db, [...new Set(candidates.map((i) => i.probe))]);
  let queued = 0;
  for (const incident of candidates) {
    if (!toldSessions.has(incident.sessionId) || findSilencingWindow(windows, incident.probe, now)) continue;
    const n = reminderNumber(incident.openedAt, now, intervalMs);
    const snapshot = latest.get(incident.probe);
    const details = parseStoredDetails(snapshot?.details ?? "{}");
    const message = buildReminderMessage(
      {
        sessionId: incident.sessionId,
        title: incident.title,
        openForS: (now.getTime() - incident.openedAt.getTime()) / 1000,
        figures: details && typeof details === "object" ? describeFigures(incident.probe as ProbeName, details as Record<string, unknown>) : "",
        status: snapshot?.status ?? "unknown",
      },
      env.LOOKOUT_PUBLIC_URL,
      listCredentials(env),
    );
    const wrote = await db.$transaction(async (tx) => {
      const { count } = await tx.incident.updateMany({
        where: { id: incident.id, reminderCount: incident.reminderCount, resolvedAt: null, acknowledgedAt: null },
        data: { reminderCount: n, lastReminderAt: now },
      });
      if (count === 1) await enqueueDm(tx, { sessionId: incident.sessionId, dedupeKey: `reminder:${incident.sessionId}:${n}`, kind: "reminder", message }, now);
      return count === 1;
    });
    if (wrote) queued++;
  }
  return queued;
}

/** Which reminder is due now: the first after one interval, the second after two. */
function reminderNumber(openedAt: Date, now: Date, intervalMs: number): number {
  return Math.floor((now.getTime() - openedAt.getTime()) / intervalMs);
}

/** Each probe's latest snapshot, read once per probe however many of its incidents are due. */
async function latestSnapshots(db: PrismaClient, probes: string[]) {
  const rows = await Promise.all(
    probes.map((probe) => db.probeSnapshot.findFirst({ where: { probe }, orderBy: { observedAt: "desc" }, select: { probe: true, status: true, details: true } })),
  );
  return new Map(rows.filter((r) => r !== null).map((r) => [r.probe, r]));
}
