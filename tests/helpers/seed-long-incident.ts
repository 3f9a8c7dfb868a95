import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { buildSessionId, newIncidentId } from "@/lib/incidents/session-id";

const CYCLE_MS = 60_000;

/**
 * A resolved Fly incident with `snapshots` fly snapshots one minute apart, a wake for each of the first
 * `wakes` of them (all but the first debounced), one investigation with a restart, an investigation DM and
 * a resolution DM — the shape of a long, noisy incident.
 */
export async function seedLongIncident(db: PrismaClient, { snapshots = 1_000, wakes = 50, end = new Date() } = {}) {
  const start = new Date(end.getTime() - snapshots * CYCLE_MS);
  const id = newIncidentId(start);
  const sessionId = buildSessionId("fly", "service_degraded", id);
  const cycle = await db.probeCycle.create({ data: { trigger: "scheduler", startedAt: start, finishedAt: start, durationMs: 20 } });
  const rows = Array.from({ length: snapshots }, (_, i) => ({
    id: randomUUID(),
    cycleId: cycle.id,
    probe: "fly",
    status: i < snapshots - 5 ? "degraded" : "healthy",
    latencyMs: 20 + (i % 30),
    details: JSON.stringify({ machines_unhealthy: 1, machines_started: 1, machines_total: 2 }),
    error: i < snapshots - 5 ? "1 Fly machine unhealthy: lookout-runtime/abc123 (state failed)" : null,
    observedAt: new Date(start.getTime() + i * CYCLE_MS),
  }));
  await db.probeSnapshot.createMany({ data: rows });
  const resolvedAt = rows[snapshots - 5]!.observedAt;
  await db.incident.create({
    data: {
      id,
      sessionId,
      probe: "fly",
      category: "service_degraded",
      severity: "warning",
      title: "Fly.io machines are unhealthy",
      detail: "1 Fly machine unhealthy: lookout-runtime/abc123 (state failed)",
      openedAt: rows[0]!.observedAt,
      lastSeenAt: rows[snapshots - 6]!.observedAt,
      resolvedAt,
      issueCount: wakes,
      debouncedCount: wakes - 1,
      investigationCount: 1,
      costUsd: 0.0123,
      lastDmStatus: "sent",
      lastAutofixOutcome: "Restarted machine abc123 in lookout-runtime",
    },
  });
  const wakeRows = rows.slice(0, wakes).map((s, i) => ({
    id: randomUUID(),
    incidentId: id,
    sessionId,
    probe: "fly",
    category: "service_degraded",
    severity: "warning",
    snapshotId: s.id,
    status: i === 0 ? "done" : "debounced",
    nextAttemptAt: s.observedAt,
    createdAt: s.observedAt,
  }));
  await db.wake.createMany({ data: wakeRows });
  const at = (i: number) => new Date(start.getTime() + i * CYCLE_MS + 500);
  const events: AuditEventInput[] = [
    ...wakeRows.map((w, i) => ({
      seam: "probe.wake_requested" as const,
      actor: "lookout",
      sessionId,
      probe: "fly" as const,
      at: w.createdAt,
      details: { probe: "fly", severity: "warning", category: "service_degraded", title: "Fly.io machines are unhealthy", detail: "1 Fly machine unhealthy", wake_id: w.id, snapshot_id: w.snapshotId, envelope_enabled: true, incident_opened: i === 0 },
    })),
    { seam: "tool.probe_autofix_attempted", actor: "lookout:investigator", sessionId, probe: "fly", at: at(0), details: { outcome: "allowed", app: "lookout-runtime", machine_id: "abc123" } },
    { seam: "tool.probe_autofix_attempted", actor: "lookout:investigator", sessionId, probe: "fly", at: at(0), details: { outcome: "succeeded", app: "lookout-runtime", machine_id: "abc123", message: "restarted" } },
    {
      seam: "probe.investigation_completed",
      actor: "lookout:investigator",
      sessionId,
      probe: "fly",
      at: at(1),
      details: { engine: "claude", model: "claude-sonnet-5-5", input_tokens: 1200, output_tokens: 250, cache_creation_tokens: 0, cache_read_tokens: 0, cost_usd: 0.0123, duration_ms: 2100, summary: "The machine failed its health check.\n- Restarted abc123", dm_status: "sent", autofix_attempted: true, autofix_outcome: "Restarted machine abc123 in lookout-runtime" },
    },
    { seam: "probe.incident_resolved", actor: "lookout", sessionId, probe: "fly", at: resolvedAt, details: { probe: "fly", title: "Fly.io machines are unhealthy", duration_s: Math.round((resolvedAt.getTime() - start.getTime()) / 1000) } },
  ];
  await db.$transaction((tx) => writeAuditEvents(tx, events));
  await db.dmMessage.createMany({
    data: [
      { sessionId, dedupeKey: `investigation:${wakeRows[0]!.id}`, kind: "investigation", channel: "D0SIM", ts: "1764079000.000100", text: "Warning: Fly.io machines are unhealthy", status: "sent", attempts: 1, createdAt: at(2) },
      { sessionId, dedupeKey: `resolution:${sessionId}`, kind: "resolution", channel: "D0SIM", ts: "1764079100.000200", threadTs: "1764079000.000100", text: "Resolved: Fly.io machines are unhealthy", status: "sent", attempts: 1, createdAt: resolvedAt },
    ],
  });
  return { sessionId, incidentId: id, start, resolvedAt };
}
