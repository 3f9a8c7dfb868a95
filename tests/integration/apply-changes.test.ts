import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Issue } from "@/lib/detect/detect-issue";
import { applyChangesInOneTransaction, type Change } from "@/lib/wake/apply-changes";
import type { OpenIncidentRow, StoredSnapshot } from "@/lib/wake/wake-records";
import { clearIncidentRows } from "../helpers/clear-incident-rows";

// The batched path a cycle takes first: every change in one transaction. When it throws, the caller falls back
// to one change at a time, which gives the same rows, so only a direct test can tell the batched path works.

beforeEach(() => clearIncidentRows(db));

const t0 = new Date("2026-11-30T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const snapshot = (probe: StoredSnapshot["probe"], s: number): StoredSnapshot => ({ id: `snap-${probe}-${s}`, probe, status: "unhealthy", details: {}, error: null, observedAt: at(s) });
const issue = (probe: Issue["probe"], category: Issue["category"] = "service_unhealthy"): Issue => ({ probe, severity: "critical", category, title: `${probe} is down`, detail: `${probe} answered 503` });

async function openRow(probe: Issue["probe"]): Promise<OpenIncidentRow> {
  await applyChangesInOneTransaction(db, [{ kind: "wake", probe, issue: issue(probe), snapshot: snapshot(probe, 0), envelopeEnabled: false, open: undefined }]);
  const row = await db.incident.findFirstOrThrow({ where: { probe, resolvedAt: null } });
  return { id: row.id, sessionId: row.sessionId, probe: row.probe, category: row.category, severity: row.severity, title: row.title, openedAt: row.openedAt, issueCount: row.issueCount };
}

describe("applyChangesInOneTransaction", () => {
  it("opens an incident with its wake and wake_requested row, and says it opened it", async () => {
    const applied = await applyChangesInOneTransaction(db, [{ kind: "wake", probe: "fly", issue: issue("fly"), snapshot: snapshot("fly", 5), envelopeEnabled: true, open: undefined }]);
    const incident = await db.incident.findFirstOrThrow();
    expect(applied).toEqual({ wakes: [{ probe: "fly", sessionId: incident.sessionId, opened: true }], resolved: 0 });
    expect(incident).toMatchObject({ probe: "fly", category: "service_unhealthy", severity: "critical", openedAt: at(5), lastSeenAt: at(5), issueCount: 1, resolvedAt: null, openKey: "fly:service_unhealthy" });
    const wake = await db.wake.findFirstOrThrow();
    expect(wake).toMatchObject({ incidentId: incident.id, sessionId: incident.sessionId, snapshotId: "snap-fly-5", status: "pending", nextAttemptAt: at(5) });
    const events = await db.auditEvent.findMany({ where: { sessionId: incident.sessionId } });
    expect(events.map((e) => e.seam)).toEqual(["probe.wake_requested"]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ wake_id: wake.id, snapshot_id: "snap-fly-5", envelope_enabled: true, incident_opened: true });
  });

  it("continues an open incident, and resolves another, at the newest snapshot's time, in one go", async () => {
    const fly = await openRow("fly");
    const vercel = await openRow("vercel");
    const changes: Change[] = [
      // The newest observation first: the stamp is the latest, not the last one read.
      { kind: "resolve", probe: "vercel", incident: vercel, snapshot: snapshot("vercel", 60) },
      { kind: "wake", probe: "fly", issue: issue("fly"), snapshot: snapshot("fly", 30), envelopeEnabled: false, open: fly },
    ];
    const applied = await applyChangesInOneTransaction(db, changes);
    expect(applied).toEqual({ wakes: [{ probe: "fly", sessionId: fly.sessionId, opened: false }], resolved: 1 });
    // Both updates are stamped with the latest observation of the cycle.
    expect(await db.incident.findUniqueOrThrow({ where: { id: fly.id } })).toMatchObject({ issueCount: 2, lastSeenAt: at(60), resolvedAt: null });
    expect(await db.incident.findUniqueOrThrow({ where: { id: vercel.id } })).toMatchObject({ resolvedAt: at(60), openKey: null });
    expect(await db.wake.count({ where: { sessionId: fly.sessionId } })).toBe(2);
    const resolvedRow = await db.auditEvent.findFirstOrThrow({ where: { seam: "probe.incident_resolved", sessionId: vercel.sessionId } });
    expect(JSON.parse(resolvedRow.details)).toMatchObject({ healthy_snapshot_id: "snap-vercel-60", duration_s: 60 });
  });

  it("writes nothing and throws when an incident moved since the plan was made", async () => {
    const fly = await openRow("fly");
    await db.incident.update({ where: { id: fly.id }, data: { resolvedAt: at(1), openKey: null } });
    const before = { wakes: await db.wake.count(), audit: await db.auditEvent.count() };
    await expect(applyChangesInOneTransaction(db, [{ kind: "wake", probe: "fly", issue: issue("fly"), snapshot: snapshot("fly", 30), envelopeEnabled: false, open: fly }])).rejects.toThrow(/changed since the cycle's plan/);
    await expect(applyChangesInOneTransaction(db, [{ kind: "resolve", probe: "fly", incident: fly, snapshot: snapshot("fly", 30) }])).rejects.toThrow(/changed since the cycle's plan/);
    expect({ wakes: await db.wake.count(), audit: await db.auditEvent.count() }).toEqual(before);
    expect(await db.incident.findUniqueOrThrow({ where: { id: fly.id } })).toMatchObject({ issueCount: 1, resolvedAt: at(1) });
  });

  it("applies nothing for no changes", async () => {
    expect(await applyChangesInOneTransaction(db, [])).toEqual({ wakes: [], resolved: 0 });
    expect(await db.incident.count()).toBe(0);
  });
});
