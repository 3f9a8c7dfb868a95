import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { createDb, db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { closeEndedWindows, createMaintenanceWindow, endMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import type { ScenarioName } from "@/simulator/scenarios";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// An incident's life through real cycles, the real consumer and the simulator's Slack: recovery threshold,
// flapping, maintenance windows, escalation and acknowledgement.

const simulator = withSimulator();
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0", ...overrides });

async function cycle(e: Env, scenario?: ScenarioName, client = db): Promise<void> {
  if (scenario) simulator().applyScenario(scenario);
  const result = await runProbeCycle({ trigger: "manual", env: e, db: client });
  if (!result.ok || result.coalesced) throw new Error(result.ok ? "coalesced" : result.message);
  await consumeWakes({ db: client, env: e });
}

const topLevel = () => simulator().state.slack.messages.filter((m) => !m.threadTs);
const replies = () => simulator().state.slack.messages.filter((m) => m.threadTs);
// The audit log is append-only: each test reads only the rows written after it started.
let since = 0;
const seams = async (seam: string) => db.auditEvent.findMany({ where: { seam, id: { gt: since } }, orderBy: { id: "asc" } });

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
  since = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

describe("the recovery threshold", () => {
  it("resolves after the configured healthy snapshots in a row, counted from stored snapshots across a restart", async () => {
    const e = env({ LOOKOUT_RECOVERY_THRESHOLD_FLY: "3" });
    await cycle(e, "fly-machine-fails");
    await cycle(e, "all-healthy");
    await cycle(e);
    // A restart: a new client and a fresh env; the healthy streak comes from the database.
    const restarted = createDb(process.env.DATABASE_URL);
    await cycle(env({ LOOKOUT_RECOVERY_THRESHOLD_FLY: "3" }), undefined, restarted);
    await restarted.$disconnect();
    const incident = await db.incident.findFirstOrThrow();
    expect(incident.resolvedAt).not.toBeNull();
    const progress = (await seams("incident.recovering")).map((r) => JSON.parse(r.details));
    expect(progress).toEqual([expect.objectContaining({ healthy: 1, threshold: 3 }), expect.objectContaining({ healthy: 2, threshold: 3 })]);
    expect(await seams("probe.incident_resolved")).toHaveLength(1);
  });

  it("starts counting again when the issue returns before the threshold", async () => {
    const e = env();
    await cycle(e, "fly-machine-fails");
    await cycle(e, "all-healthy");
    await cycle(e, "fly-machine-fails");
    await cycle(e, "all-healthy");
    const incidents = await db.incident.findMany();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.resolvedAt).toBeNull();
    await cycle(e);
    expect((await db.incident.findFirstOrThrow()).resolvedAt).not.toBeNull();
  });
});

describe("a flapping probe", () => {
  it("alternating for 12 cycles gives exactly 1 incident, 1 investigation DM and 1 resolution message", async () => {
    const e = env();
    for (let i = 0; i < 12; i++) await cycle(e, i % 2 === 0 ? "fly-machine-fails" : "all-healthy");
    const incident = await db.incident.findFirstOrThrow();
    expect(incident.flappingSince).not.toBeNull();
    expect(incident.flappingEndedAt).toBeNull();
    expect(incident.resolvedAt).toBeNull();
    // Stable through the recovery threshold: it stops flapping and resolves.
    await cycle(e, "all-healthy");
    await cycle(e);

    expect(await db.incident.count()).toBe(1);
    expect(await db.investigation.count()).toBe(1);
    expect(topLevel()).toHaveLength(1);
    expect(replies().map((m) => m.text)).toEqual([expect.stringMatching(/^Resolved/)]);
    const done = await db.incident.findFirstOrThrow();
    expect(done.resolvedAt).not.toBeNull();
    expect(done.flappingEndedAt).not.toBeNull();
    expect((await seams("incident.flapping_started")).map((r) => [r.sessionId, JSON.parse(r.details).changes, JSON.parse(r.details).window])).toEqual([[done.sessionId, 6, 20]]);
    expect((await seams("incident.flapping_ended")).map((r) => r.sessionId)).toEqual([done.sessionId]);
    // Its one DM was redrawn in place to say it flaps.
    const updates = simulator().state.slack.updates;
    expect(updates.some((u) => u.ts === topLevel()[0]!.ts && JSON.stringify(u.blocks).includes("lapping"))).toBe(true);
  });

  it("stops flapping when it stays down, and then wakes nothing new but its reminders", async () => {
    const e = env();
    for (let i = 0; i < 8; i++) await cycle(e, i % 2 === 0 ? "fly-machine-fails" : "all-healthy");
    expect((await db.incident.findFirstOrThrow()).flappingSince).not.toBeNull();
    await cycle(e, "fly-machine-fails");
    await cycle(e);
    const incident = await db.incident.findFirstOrThrow();
    expect(incident.flappingEndedAt).not.toBeNull();
    expect(incident.resolvedAt).toBeNull();
    expect(JSON.parse((await seams("incident.flapping_ended"))[0]!.details)).toMatchObject({ resolved: false });
    expect(topLevel()).toHaveLength(1);
  });
});

describe("a maintenance window", () => {
  it("records the incident but wakes nothing inside it; the incident wakes at the first cycle after it ends", async () => {
    const e = env();
    const window = await createMaintenanceWindow(db, { scope: "fly", durationMinutes: 60, reason: "Fly region migration" }, "alice");
    await cycle(e, "fly-machine-fails");
    await cycle(e);
    const incident = await db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ maintenanceWindowId: window.id, resolvedAt: null, issueCount: 2 });
    expect(await db.wake.count()).toBe(0);
    expect(await db.investigation.count()).toBe(0);
    expect(await seams("probe.wake_requested")).toHaveLength(0);
    expect(simulator().state.slack.messages).toHaveLength(0);
    expect(simulator().state.fly.restarts).toHaveLength(0);

    expect(await endMaintenanceWindow(db, window.id, "alice")).toBe(true);
    expect(await endMaintenanceWindow(db, window.id, "alice")).toBe(false);
    await cycle(e);
    expect(await db.investigation.count()).toBe(1);
    expect(topLevel()).toHaveLength(1);
    expect((await db.wake.findFirstOrThrow()).sessionId).toBe(incident.sessionId);

    const audit = [...(await seams("maintenance.created")), ...(await seams("maintenance.ended"))].map((r) => ({ actor: r.actor, ...JSON.parse(r.details) }));
    expect(audit).toEqual([
      expect.objectContaining({ actor: "alice", by: "alice", scope: "fly", reason: "Fly region migration", window_id: window.id }),
      expect.objectContaining({ actor: "alice", by: "alice", scope: "fly", reason: "Fly region migration", early: true }),
    ]);
  });

  it("covers every probe when its scope is all, and none when it is another probe's", async () => {
    const e = env();
    const vercelOnly = await createMaintenanceWindow(db, { scope: "vercel", durationMinutes: 30, reason: "Vercel upgrade" }, "alice");
    await cycle(e, "fly-machine-fails");
    expect(await db.wake.count()).toBe(1);
    await endMaintenanceWindow(db, vercelOnly.id, "alice");
    await clearIncidentRows(db);
    await createMaintenanceWindow(db, { scope: "all", durationMinutes: 30, reason: "Everything moves" }, "alice");
    await cycle(e, "fly-machine-fails");
    expect(await db.wake.count()).toBe(0);
    expect((await db.incident.findFirstOrThrow()).maintenanceWindowId).not.toBeNull();
  });

  it("ends on its own: the first pass after its end writes maintenance.ended once", async () => {
    const start = new Date(Date.now() - 3 * 3_600_000);
    const window = await createMaintenanceWindow(db, { scope: "all", durationMinutes: 60, reason: "Done already" }, "alice", start);
    expect(await closeEndedWindows(db, new Date())).toBe(1);
    expect(await closeEndedWindows(db, new Date())).toBe(0);
    const ended = await seams("maintenance.ended");
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actor: "lookout" });
    expect((await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).endedAt).toEqual(window.endsAt);
  });
});

describe("escalation", () => {
  it("a warning that becomes critical gets a fresh investigation and DM, even inside the window of a critical one", async () => {
    const e = env({ LOOKOUT_DEBOUNCE_SECONDS: "600" });
    // A critical incident investigated minutes ago, then recovered: its window still covers service_unhealthy.
    await cycle(e, "fly-app-down");
    await cycle(e, "all-healthy");
    await cycle(e);
    await cycle(e, "fly-machine-fails");
    const warning = await db.incident.findFirstOrThrow({ where: { severity: "warning" } });
    await cycle(e, "fly-app-down");
    const critical = await db.incident.findFirstOrThrow({ where: { severity: "critical", resolvedAt: null } });
    expect(critical.escalatedFrom).toBe(warning.sessionId);
    const escalated = await seams("incident.escalated");
    expect(escalated.map((r) => [r.sessionId, JSON.parse(r.details).from_session_id])).toEqual([[critical.sessionId, warning.sessionId]]);
    expect(await db.investigation.count({ where: { sessionId: critical.sessionId } })).toBe(1);
    expect(topLevel().map((m) => (m.text.startsWith(":red_circle: Critical") ? "critical" : "warning"))).toEqual(["critical", "warning", "critical"]);
  });
});

describe("acknowledging", () => {
  it("keeps who and when, writes one row, and a second acknowledgement writes nothing", async () => {
    await cycle(env(), "fly-machine-fails");
    const { sessionId } = await db.incident.findFirstOrThrow();
    expect(await acknowledgeIncident(db, { sessionId, actor: "alice", via: "dashboard" })).toBe("acknowledged");
    const rows = await db.auditEvent.count();
    expect(await acknowledgeIncident(db, { sessionId, actor: "bob", via: "dashboard" })).toBe("already_acknowledged");
    expect(await db.auditEvent.count()).toBe(rows);
    expect(await db.incident.findFirstOrThrow()).toMatchObject({ acknowledgedBy: "alice", acknowledgedAt: expect.any(Date) });
    expect((await seams("incident.acknowledged")).map((r) => [r.sessionId, r.actor, JSON.parse(r.details).via])).toEqual([[sessionId, "alice", "dashboard"]]);
    expect(await acknowledgeIncident(db, { sessionId: "probe:fly:service_degraded:nope", actor: "alice", via: "dashboard" })).toBe("not_found");
  });

  it("cannot acknowledge a resolved incident", async () => {
    const e = env();
    await cycle(e, "fly-machine-fails");
    await cycle(e, "all-healthy");
    await cycle(e);
    const { sessionId } = await db.incident.findFirstOrThrow();
    expect(await acknowledgeIncident(db, { sessionId, actor: "alice", via: "dashboard" })).toBe("resolved");
    expect(await seams("incident.acknowledged")).toHaveLength(0);
  });
});
