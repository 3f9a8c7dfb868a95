import { db as defaultDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sessionIdPattern } from "@/lib/incidents/session-id";
import { readInvestigationReport } from "@/lib/investigate/investigation-report";
import { getProbe } from "@/lib/probes/registry";
import { summarizeIncident } from "./list-investigations";
import { findWindowsOverlapping } from "@/lib/maintenance/read-maintenance";
import { auditEntry, dmEntry, maintenanceEntries } from "./timeline-entries";
import type { Timeline, TimelineEntry } from "./types";

const AUDIT_CAP = 1_000;
export const SNAPSHOT_PAGE = 120;
const WINDOW_MARGIN_MS = 30 * 60_000;
const reportColumns = {
  id: true, engine: true, summary: true, autofixOutcome: true, lookoutDid: true, analysisFormat: true, whatIsWrong: true,
  likelyCause: true, nextSteps: true, confidence: true, analysisText: true, claimCheck: true, claimMismatch: true,
} as const;

/** Snapshot pages are addressed by the time of their edge snapshot, so a page is stable while new ones arrive. */
export interface SnapshotCursor {
  before?: string;
  after?: string;
}

/**
 * Everything about one incident, joined by its session id, each stream read once through its index:
 * the incident, its audit rows, its wakes' states, its Slack messages, its investigations' reports, and
 * one page of the probe's snapshots around it. Null for an unknown or malformed session id.
 */
export async function getTimeline(
  sessionId: string,
  { db = defaultDb, now = new Date(), snapshots: cursor = {} }: { db?: PrismaClient; now?: Date; snapshots?: SnapshotCursor } = {},
): Promise<Timeline | null> {
  if (!sessionIdPattern.test(sessionId)) return null;
  const incident = await db.incident.findUnique({ where: { sessionId } });
  if (!incident) return null;

  const windowFrom = new Date(incident.openedAt.getTime() - WINDOW_MARGIN_MS);
  const windowTo = new Date((incident.resolvedAt ?? now).getTime() + (incident.resolvedAt ? WINDOW_MARGIN_MS : 0));
  const inWindow = { probe: incident.probe, observedAt: { gte: windowFrom, lte: windowTo } };
  const before = parseCursor(cursor.before);
  const after = before ? null : parseCursor(cursor.after);

  const [audit, wakes, dms, investigations, page, total, windows] = await Promise.all([
    db.auditEvent.findMany({ where: { sessionId }, orderBy: { id: "asc" }, take: AUDIT_CAP + 1 }),
    db.wake.findMany({ where: { sessionId }, select: { id: true, status: true } }),
    db.dmMessage.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
    db.investigation.findMany({ where: { sessionId }, select: reportColumns }),
    db.probeSnapshot.findMany({
      where: { ...inWindow, observedAt: { gte: after ?? windowFrom, lte: windowTo, ...(before ? { lt: before } : {}), ...(after ? { gt: after } : {}) } },
      orderBy: { observedAt: after ? "asc" : "desc" },
      take: SNAPSHOT_PAGE + 1,
      select: { id: true, status: true, observedAt: true, latencyMs: true, error: true },
    }),
    db.probeSnapshot.count({ where: inWindow }),
    // Windows are not tied to a session: those covering the probe while the incident was open.
    findWindowsOverlapping(db, { probe: incident.probe, from: incident.openedAt, to: incident.resolvedAt ?? now }),
  ]);

  const wakeStates = new Map(wakes.map((w) => [w.id, w.status]));
  // An investigation's DM goes out before its completion row is written; the DM's creation is when the
  // investigation was already done, so the timeline reads investigation -> DM, as it happened.
  const reportedAt = new Map(
    dms.flatMap((dm) => (dm.dedupeKey.startsWith("investigation:") ? [[dm.dedupeKey.slice("investigation:".length), dm.createdAt.toISOString()] as const] : [])),
  );
  const reports = new Map(investigations.map((i) => [i.id, readInvestigationReport(i)]));
  const entries: TimelineEntry[] = [
    ...audit.slice(0, AUDIT_CAP).flatMap((row) => auditEntry(row, wakeStates, reportedAt, reports) ?? []),
    ...dms.map(dmEntry),
    ...windows.flatMap((w) => maintenanceEntries(w, now)),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.anchor.localeCompare(b.anchor));

  const more = page.length > SNAPSHOT_PAGE;
  const items = page.slice(0, SNAPSHOT_PAGE);
  if (!after) items.reverse();
  const first = items[0]?.observedAt.toISOString() ?? null;
  const last = items.at(-1)?.observedAt.toISOString() ?? null;

  return {
    incident: { ...summarizeIncident(incident), probeLabel: getProbe(incident.probe)?.label ?? incident.probe, detail: incident.detail },
    entries,
    live:
      incident.resolvedAt === null ||
      wakes.some((w) => w.status === "pending" || w.status === "processing") ||
      dms.some((d) => d.status === "queued" || d.status === "sending") ||
      awaitsResolutionDm(incident.resolvedAt, dms, now),
    entriesTruncated: audit.length > AUDIT_CAP,
    snapshots: {
      items: items.map((s) => ({ id: s.id, status: s.status, observedAt: s.observedAt.toISOString(), latencyMs: s.latencyMs, error: s.error })),
      total,
      windowFrom: windowFrom.toISOString(),
      windowTo: windowTo.toISOString(),
      olderCursor: (after ? true : more) && first ? first : null,
      newerCursor: (after ? more : Boolean(before)) && last ? last : null,
    },
    generatedAt: now.toISOString(),
  };
}

// The resolution DM follows the resolution by a moment; an open page keeps refreshing until it is settled.
const RESOLUTION_DM_GRACE_MS = 5 * 60_000;
function awaitsResolutionDm(resolvedAt: Date, dms: { kind: string; status: string }[], now: Date): boolean {
  const told = dms.some((d) => d.kind === "investigation" && d.status === "sent");
  const settled = dms.some((d) => d.kind === "resolution");
  return told && !settled && now.getTime() - resolvedAt.getTime() < RESOLUTION_DM_GRACE_MS;
}

function parseCursor(raw: string | undefined): Date | null {
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}
