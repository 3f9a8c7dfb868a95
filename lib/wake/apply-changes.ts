import { writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import type { Issue } from "@/lib/detect/detect-issue";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newIncidentRow } from "@/lib/incidents/open-or-continue-incident";
import { resolveIncident } from "@/lib/incidents/resolve-incident";
import type { ProbeName } from "@/lib/probes/types";
import { requestWake } from "./request-wake";
import { incidentResolvedEvent, newWakeId, wakeRequestedEvent, wakeRow, type OpenIncidentRow, type StoredSnapshot } from "./wake-records";

export type Change =
  | { kind: "resolve"; probe: ProbeName; incident: OpenIncidentRow; snapshot: StoredSnapshot }
  | { kind: "wake"; probe: ProbeName; issue: Issue; snapshot: StoredSnapshot; envelopeEnabled: boolean; open: OpenIncidentRow | undefined };

export interface Applied {
  wakes: { probe: string; sessionId: string; opened: boolean }[];
  resolved: number;
}

class StalePlanError extends Error {}

/**
 * Every change of one cycle in one transaction and a handful of statements (Prisma costs about a
 * millisecond per statement here, so a cycle with five issues must not cost twenty of them).
 * Throws if anything moved since the plan was made; the caller then applies change by change.
 */
export async function applyChangesInOneTransaction(db: PrismaClient, changes: Change[]): Promise<Applied> {
  return db.$transaction(async (tx) => {
    const applied: Applied = { wakes: [], resolved: 0 };
    const created: ReturnType<typeof newIncidentRow>[] = [];
    const continued: string[] = [];
    const resolved: string[] = [];
    const events: AuditEventInput[] = [];
    const wakes: ReturnType<typeof wakeRow>[] = [];
    let now = new Date(0);
    for (const change of changes) {
      if (change.snapshot.observedAt > now) now = change.snapshot.observedAt;
      if (change.kind === "resolve") {
        resolved.push(change.incident.id);
        events.push(incidentResolvedEvent(change.incident, change.snapshot.id, change.snapshot.observedAt));
        continue;
      }
      const row = change.open ? null : newIncidentRow(change.issue, change.snapshot.observedAt);
      if (row) created.push(row);
      else continued.push(change.open!.id);
      const incident = row ? { id: row.id, sessionId: row.sessionId, opened: true } : { id: change.open!.id, sessionId: change.open!.sessionId, opened: false };
      const wakeId = newWakeId();
      events.push(wakeRequestedEvent(wakeId, change.issue, change.snapshot, incident, change.envelopeEnabled));
      wakes.push(wakeRow(wakeId, change.issue, change.snapshot, incident));
      applied.wakes.push({ probe: change.probe, sessionId: incident.sessionId, opened: incident.opened });
    }
    if (created.length) await tx.incident.createMany({ data: created });
    await expectCount(tx, continued, { lastSeenAt: now, issueCount: { increment: 1 } });
    await expectCount(tx, resolved, { resolvedAt: now, openKey: null });
    await writeAuditEvents(tx, events);
    if (wakes.length) await tx.wake.createMany({ data: wakes });
    applied.resolved = resolved.length;
    return applied;
  });
}

async function expectCount(tx: Prisma.TransactionClient, ids: string[], data: Prisma.IncidentUpdateManyMutationInput): Promise<void> {
  if (ids.length === 0) return;
  const { count } = await tx.incident.updateMany({ where: { id: { in: ids }, resolvedAt: null }, data });
  if (count !== ids.length) throw new StalePlanError("an incident changed since the cycle's plan was made");
}

/** One change in its own transaction, re-reading what it needs: the careful path. */
export async function applyChange(db: PrismaClient, change: Change): Promise<Applied> {
  return db.$transaction(async (tx) => {
    if (change.kind === "resolve") {
      const done = await resolveIncident(tx, change.incident.id, change.snapshot.id, change.snapshot.observedAt);
      return { wakes: [], resolved: done ? 1 : 0 };
    }
    return { wakes: [await requestWake(tx, change.issue, change.snapshot, change.envelopeEnabled)], resolved: 0 };
  });
}

