import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { MaintenanceWindow, PrismaClient } from "@/lib/generated/prisma/client";
import { findOpenIncidents, type OpenIncident } from "@/lib/incidents/find-open-incidents";
import { findActiveWindows, findSilencingWindow } from "@/lib/maintenance/maintenance-windows";
import { probes } from "@/lib/probes/registry";
import { probeStatusSchema, type ProbeName } from "@/lib/probes/types";
import { bucketHistory, getHistoryStart } from "./bucket-history";
import { getKeyFigures } from "./get-key-figures";
import type { CardIncident, CardSilence, CardStatus, DashboardData, LatestSnapshot, ProbeCard } from "./types";

// Reads stay bounded however long the history grows: one latest row per probe through the
// (probe, observedAt) index, and for the strip only status + observedAt of the last 24 h.

const latestSelect = { cycleId: true, status: true, latencyMs: true, details: true, error: true, observedAt: true } as const;

function parseDetails(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/** "Etc/UTC" reads as "UTC" on a card; other zones keep their IANA name. */
export function getServerTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  return !zone || zone === "Etc/UTC" || zone === "Etc/GMT" ? "UTC" : zone;
}

function getLatestSnapshots(db: PrismaClient, names: ProbeName[]) {
  return Promise.all(
    names.map((probe) => db.probeSnapshot.findFirst({ where: { probe }, orderBy: { observedAt: "desc" }, select: latestSelect })),
  );
}

function toCardIncident(incident: OpenIncident): CardIncident {
  return {
    sessionId: incident.sessionId,
    category: incident.category,
    // Only the two severities the detector writes; anything else is shown as the milder one.
    severity: incident.severity === "critical" ? "critical" : "warning",
    title: incident.title,
    openedAt: incident.openedAt,
    issueCount: incident.issueCount,
    acknowledgedAt: incident.acknowledgedAt,
    acknowledgedBy: incident.acknowledgedBy,
    flapping: incident.flapping,
    duringMaintenance: incident.duringMaintenance,
  };
}

function toCardSilence(window: MaintenanceWindow | undefined): CardSilence | null {
  if (!window) return null;
  return { windowId: window.id, scope: window.probe ?? "all", until: window.endsAt.toISOString(), reason: window.reason, by: window.createdBy };
}

export async function getDashboard({
  db = defaultDb,
  env = getEnv(),
  now = new Date(),
}: { db?: PrismaClient; env?: Env; now?: Date } = {}): Promise<DashboardData> {
  const names = probes.map((p) => p.name);
  const [lastCycle, latestRows, historyRows, openIncidents, windows] = await Promise.all([
    db.probeCycle.findFirst({
      orderBy: { startedAt: "desc" },
      select: { id: true, trigger: true, startedAt: true, finishedAt: true, durationMs: true },
    }),
    getLatestSnapshots(db, names),
    db.probeSnapshot.findMany({
      where: { probe: { in: names }, observedAt: { gte: getHistoryStart(now) } },
      select: { probe: true, status: true, observedAt: true },
    }),
    // One query for every card; already ordered critical first, then newest.
    findOpenIncidents({ db }),
    // Read-only: a page view never closes an expired window (the next cycle does, with its audit row).
    findActiveWindows(db, now),
  ]);

  const cards = probes.map((definition, i): ProbeCard => {
    const configured = definition.configFromEnv(env) !== null;
    const row = latestRows[i];
    const status = probeStatusSchema.safeParse(row?.status);
    // A snapshot taken while the probe was unconfigured says nothing about it now that it is set up.
    const latest: LatestSnapshot | null =
      row && status.success && status.data !== "unconfigured"
        ? { cycleId: row.cycleId, status: status.data, latencyMs: row.latencyMs, error: row.error, observedAt: row.observedAt.toISOString() }
        : null;
    const cardStatus: CardStatus = !configured ? "unconfigured" : (latest?.status ?? "pending");
    return {
      probe: definition.name,
      label: definition.label,
      configured,
      setupEnv: configured ? null : [...definition.requiredEnv],
      status: cardStatus,
      latest: configured ? latest : null,
      figures: configured && latest && row ? getKeyFigures(definition.name, parseDetails(row.details)) : [],
      history: bucketHistory(
        historyRows.filter((r) => r.probe === definition.name),
        now,
      ),
      openIncidents: openIncidents.filter((i) => i.probe === definition.name).map(toCardIncident),
      silenced: toCardSilence(findSilencingWindow(windows, definition.name, now)),
    };
  });

  return {
    generatedAt: now.toISOString(),
    timeZone: getServerTimeZone(),
    lastCycle: lastCycle && {
      id: lastCycle.id,
      trigger: lastCycle.trigger,
      startedAt: lastCycle.startedAt.toISOString(),
      finishedAt: lastCycle.finishedAt.toISOString(),
      durationMs: lastCycle.durationMs,
    },
    cards,
  };
}
