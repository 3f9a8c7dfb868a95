import { writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import type { Issue } from "@/lib/detect/detect-issue";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newIncidentRow, openKeyOf } from "@/lib/incidents/open-or-continue-incident";
import type { ProbeName } from "@/lib/probes/types";
import { queueDmUpdate } from "@/lib/slack/queue-dm-update";
import { incidentEvent, incidentResolvedEvent, newWakeId, wakeRequestedEvent, wakeRow, type OpenIncidentRow, type StoredSnapshot } from "./wake-records";

/** Why an issue writes no wake: a maintenance window covers its probe, or its incident is flapping. */
export type Hold = { maintenanceWindowId: string } | "flapping";

/** What made a probe flapping: its status changes within its last `window` cycles. */
export interface Flaps {
  changes: number;
  window: number;
}

export type Change =
  | { kind: "resolve"; probe: ProbeName; incident: OpenIncidentRow; snapshot: StoredSnapshot }
  | { kind: "recovering"; probe: ProbeName; incident: OpenIncidentRow; snapshot: StoredSnapshot; healthy: number; threshold: number; flapping?: "start"; flaps?: Flaps }
  | {
      kind: "wake";
      probe: ProbeName;
      issue: Issue;
      snapshot: StoredSnapshot;
      envelopeEnabled: boolean;
      open: OpenIncidentRow | undefined;
      /** Set: the incident is recorded (opened or continued) but nothing wakes. */
      hold?: Hold | null;
      /** The incident starts or stops flapping with this snapshot (a new one may open flapping). */
      flapping?: "start" | "end";
      flaps?: Flaps;
      /** The open warning incident of this probe that a new critical one escalates. */
      escalatedFrom?: string;
    };

export interface Applied {
  wakes: { probe: string; sessionId: string; opened: boolean }[];
  resolved: number;
}

class StalePlanError extends Error {}

const isFlapping = (incident: Pick<OpenIncidentRow, "flappingSince" | "flappingEndedAt">) => Boolean(incident.flappingSince && !incident.flappingEndedAt);

/**
 * Every change of one cycle in one transaction and a handful of statements (Prisma costs about a
 * millisecond per statement here, so a cycle with five issues must not cost twenty of them).
 * Throws if anything moved since the plan was made; the caller then applies change by change.
 */
export async function applyChangesInOneTransaction(db: PrismaClient, changes: Change[]): Promise<Applied> {
  return db.$transaction((tx) => applyPlanned(tx, changes));
}

async function applyPlanned(tx: Prisma.TransactionClient, changes: Change[]): Promise<Applied> {
  const applied: Applied = { wakes: [], resolved: 0 };
  const created: ReturnType<typeof newIncidentRow>[] = [];
  const continued: string[] = [];
  const marked = new Map<string, string>();
  const flapStarts: string[] = [];
  const flapEnds: string[] = [];
  const resolved: string[] = [];
  const events: AuditEventInput[] = [];
  const wakes: ReturnType<typeof wakeRow>[] = [];
  const redraws: string[] = [];
  let now = new Date(0);
  for (const change of changes) {
    if (change.snapshot.observedAt > now) now = change.snapshot.observedAt;
  }
  for (const change of changes) {
    const at = change.snapshot.observedAt;
    if (change.kind === "resolve") {
      resolved.push(change.incident.id);
      if (isFlapping(change.incident)) {
        flapEnds.push(change.incident.id);
        events.push(incidentEvent("incident.flapping_ended", change.incident, at, { stable_snapshots: "healthy", resolved: true }));
      }
      events.push(incidentResolvedEvent(change.incident, change.snapshot.id, at));
      continue;
    }
    if (change.kind === "recovering") {
      events.push(incidentEvent("incident.recovering", change.incident, at, { healthy: change.healthy, threshold: change.threshold, snapshot_id: change.snapshot.id }));
      if (change.flapping === "start") startFlapping(change.incident, change.flaps);
      continue;
    }
    const held = change.hold ?? null;
    const maintenanceWindowId = held && held !== "flapping" ? held.maintenanceWindowId : null;
    let incident: OpenIncidentRow & { opened: boolean };
    if (change.open) {
      incident = { ...change.open, opened: false };
      continued.push(incident.id);
      if (maintenanceWindowId && !change.open.maintenanceWindowId) marked.set(incident.id, maintenanceWindowId);
      if (change.flapping === "start") startFlapping(change.open, change.flaps);
      if (change.flapping === "end") {
        flapEnds.push(change.open.id);
        events.push(incidentEvent("incident.flapping_ended", change.open, at, { stable_snapshots: change.snapshot.status, resolved: false }));
      }
    } else {
      const row = {
        ...newIncidentRow(change.issue, at),
        maintenanceWindowId,
        flappingSince: change.flapping === "start" ? at : null,
        escalatedFrom: change.escalatedFrom ?? null,
      };
      created.push(row);
      incident = { ...row, issueCount: 1, flappingEndedAt: null, opened: true };
      if (change.flapping === "start") events.push(incidentEvent("incident.flapping_started", incident, at, { ...change.flaps, opened_flapping: true }));
      if (change.escalatedFrom) {
        events.push(incidentEvent("incident.escalated", incident, at, { from_session_id: change.escalatedFrom, from_severity: "warning", to_severity: change.issue.severity, detail: change.issue.detail }));
      }
    }
    if (held) continue;
    const wakeId = newWakeId();
    const ref = { id: incident.id, sessionId: incident.sessionId, opened: incident.opened };
    events.push(wakeRequestedEvent(wakeId, change.issue, change.snapshot, ref, change.envelopeEnabled));
    wakes.push(wakeRow(wakeId, change.issue, change.snapshot, ref));
    applied.wakes.push({ probe: change.probe, sessionId: incident.sessionId, opened: incident.opened });
  }

  function startFlapping(incident: OpenIncidentRow, flaps: Flaps | undefined) {
    flapStarts.push(incident.id);
    redraws.push(incident.sessionId);
    events.push(incidentEvent("incident.flapping_started", incident, now, { ...flaps, opened_flapping: false }));
  }

  if (created.length) await tx.incident.createMany({ data: created });
  await expectCount(tx, continued, { lastSeenAt: now, issueCount: { increment: 1 } });
  for (const [id, maintenanceWindowId] of marked) await expectCount(tx, [id], { maintenanceWindowId });
  await expectCount(tx, flapStarts, { flappingSince: now, flappingEndedAt: null });
  await expectCount(tx, flapEnds, { flappingEndedAt: now });
  await expectCount(tx, resolved, { resolvedAt: now, openKey: null });
  await writeAuditEvents(tx, events);
  if (wakes.length) await tx.wake.createMany({ data: wakes });
  // The incident's DM is redrawn to say it flaps: that is its one message until the probe is stable again.
  for (const sessionId of redraws) await queueDmUpdate(tx, sessionId, `flapping:${now.getTime()}`, now);
  applied.resolved = resolved.length;
  return applied;
}

async function expectCount(tx: Prisma.TransactionClient, ids: string[], data: Prisma.IncidentUpdateManyMutationInput): Promise<void> {
  if (ids.length === 0) return;
  const { count } = await tx.incident.updateMany({ where: { id: { in: ids }, resolvedAt: null }, data });
  if (count !== ids.length) throw new StalePlanError("an incident changed since the cycle's plan was made");
}

export const openIncidentSelect = {
  id: true,
  sessionId: true,
  probe: true,
  category: true,
  severity: true,
  title: true,
  openedAt: true,
  issueCount: true,
  openKey: true,
  flappingSince: true,
  flappingEndedAt: true,
  maintenanceWindowId: true,
} as const;

/** One change in its own transaction, re-planned on what the database holds now: the careful path. */
export async function applyChange(db: PrismaClient, change: Change): Promise<Applied> {
  return db.$transaction(async (tx) => {
    if (change.kind !== "wake") {
      const incident = await tx.incident.findFirst({ where: { id: change.incident.id, resolvedAt: null }, select: openIncidentSelect });
      return incident ? applyPlanned(tx, [{ ...change, incident }]) : { wakes: [], resolved: 0 };
    }
    const open = (await tx.incident.findUnique({ where: { openKey: openKeyOf(change.issue) }, select: openIncidentSelect })) ?? undefined;
    // Another writer opened or closed it since the plan: open one, or continue that one, with no flapping or
    // escalation claim made about the incident that was planned on.
    const replanned = open?.id === change.open?.id ? {} : { flapping: undefined, escalatedFrom: undefined, hold: change.hold === "flapping" ? null : change.hold };
    return applyPlanned(tx, [{ ...change, open, ...replanned }]);
  });
}
