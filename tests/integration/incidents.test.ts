import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { createDb, db } from "@/lib/db";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { sessionIdPattern } from "@/lib/incidents/session-id";
import { injectWriteFault } from "../helpers/db-faults";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url);
const cycle = async (e = env()) => {
  const result = await runProbeCycle({ trigger: "manual", env: e });
  if (!result.ok || result.coalesced) throw new Error(result.message);
  return result.cycle;
};
const auditCount = () => db.auditEvent.count();

beforeEach(async () => {
  simulator().reset();
  await db.wake.deleteMany();
  await db.incident.deleteMany();
  await db.probeCycle.deleteMany();
  vi.restoreAllMocks();
});

describe("a Fly outage over several cycles", () => {
  it("opens one incident whose session id joins every wake, and resolves it on recovery", async () => {
    const before = await auditCount();
    simulator().applyScenario("fly-machine-fails");
    for (let i = 0; i < 3; i++) expect((await cycle()).detection.wakes).toBe(1);

    const incidents = await db.incident.findMany();
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({ probe: "fly", category: "service_degraded", severity: "warning", issueCount: 3, resolvedAt: null });
    expect(incident!.sessionId).toMatch(sessionIdPattern);
    expect(incident!.sessionId).toBe(`probe:fly:service_degraded:${incident!.id}`);

    const wakeRows = await db.auditEvent.findMany({ where: { seam: "probe.wake_requested", id: { gt: 0 } }, orderBy: { id: "asc" } });
    const mine = wakeRows.filter((r) => r.sessionId === incident!.sessionId);
    expect(mine).toHaveLength(3);
    expect(await auditCount()).toBe(before + 3);
    const details = JSON.parse(mine[0]!.details);
    expect(details).toMatchObject({
      probe: "fly",
      severity: "warning",
      category: "service_degraded",
      title: "Fly.io machines are unhealthy",
      envelope_enabled: false,
      envelope_fix_name: "restart_unhealthy_machine",
      incident_opened: true,
      snapshot_details: { machines_unhealthy: 1 },
    });
    expect(details.detail).toMatch(/1 unhealthy/);
    expect(JSON.parse(mine[2]!.details).incident_opened).toBe(false);

    const wakes = await db.wake.findMany();
    expect(wakes).toHaveLength(3);
    expect(new Set(wakes.map((w) => w.sessionId))).toEqual(new Set([incident!.sessionId]));
    expect(wakes.every((w) => w.status === "pending" && w.attempts === 0)).toBe(true);

    // The default recovery threshold is 2: the first healthy cycle is recovery progress, the second resolves.
    simulator().applyScenario("all-healthy");
    expect((await cycle()).detection.resolved).toBe(0);
    const progress = await db.auditEvent.findMany({ where: { seam: "incident.recovering", sessionId: incident!.sessionId } });
    expect(progress.map((r) => JSON.parse(r.details))).toEqual([expect.objectContaining({ healthy: 1, threshold: 2 })]);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).resolvedAt).toBeNull();
    expect((await cycle()).detection.resolved).toBe(1);
    const resolved = await db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.openKey).toBeNull();
    const resolution = await db.auditEvent.findMany({ where: { seam: "probe.incident_resolved", sessionId: incident!.sessionId } });
    expect(resolution).toHaveLength(1);
    expect(JSON.parse(resolution[0]!.details)).toMatchObject({ probe: "fly", issue_count: 3 });

    const quiet = await auditCount();
    await cycle();
    expect(await auditCount()).toBe(quiet);
  });

  it("opens a new incident with a new session id when the fault returns after recovery", async () => {
    simulator().applyScenario("fly-machine-fails");
    await cycle();
    simulator().applyScenario("all-healthy");
    await cycle();
    await cycle();
    simulator().applyScenario("fly-machine-fails");
    await cycle();
    const incidents = await db.incident.findMany({ orderBy: { openedAt: "asc" } });
    expect(incidents).toHaveLength(2);
    expect(incidents[0]!.sessionId).not.toBe(incidents[1]!.sessionId);
    expect(incidents[1]!.resolvedAt).toBeNull();
  });
});

describe("flapping control", () => {
  it("holds supabase's wake until 3 unhealthy cycles in a row, counted from stored snapshots", async () => {
    simulator().applyScenario("supabase-down");
    expect((await cycle()).detection).toMatchObject({ wakes: 0, held: 1 });
    expect((await cycle()).detection).toMatchObject({ wakes: 0, held: 1 });
    expect(await db.incident.count()).toBe(0);
    expect(await db.probeSnapshot.count({ where: { probe: "supabase", status: "unhealthy" } })).toBe(2);

    // A restart: a new client and a fresh env; the count comes from the database, not from memory.
    const restarted = createDb(process.env.DATABASE_URL);
    const third = await runProbeCycle({ trigger: "scheduler", env: env(), db: restarted });
    await restarted.$disconnect();
    expect(third.ok && !third.coalesced && third.cycle.detection.wakes).toBe(1);
    const incident = await db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ probe: "supabase", severity: "critical", category: "service_unhealthy" });
    expect(await db.auditEvent.count({ where: { sessionId: incident.sessionId, seam: "probe.wake_requested" } })).toBe(1);

    expect((await cycle()).detection.wakes).toBe(1);
    expect(await db.wake.count({ where: { sessionId: incident.sessionId } })).toBe(2);
  });

  it("starts counting again after a healthy cycle", async () => {
    simulator().applyScenario("supabase-down");
    await cycle();
    await cycle();
    simulator().applyScenario("all-healthy");
    await cycle();
    simulator().applyScenario("supabase-down");
    await cycle();
    await cycle();
    expect(await db.incident.count()).toBe(0);
  });

  it("honours a configured threshold for any probe", async () => {
    simulator().applyScenario("fly-machine-fails");
    const e = simulatedEnv(simulator().url, { LOOKOUT_WAKE_THRESHOLD_FLY: "2" });
    expect((await cycle(e)).detection.wakes).toBe(0);
    expect((await cycle(e)).detection.wakes).toBe(1);
  });
});

describe("the envelope status on a wake", () => {
  it("is recorded as it stands when the wake is requested, and the kill switch wins", async () => {
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });
    try {
      simulator().applyScenario("fly-machine-fails");
      await cycle();
      await cycle(simulatedEnv(simulator().url, { LOOKOUT_AUTOFIX_KILL_SWITCH: "on" }));
      const rows = await db.auditEvent.findMany({ where: { seam: "probe.wake_requested", probe: "fly" }, orderBy: { id: "desc" }, take: 2 });
      expect(rows.map((r) => JSON.parse(r.details).envelope_enabled)).toEqual([false, true]);
    } finally {
      await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });
    }
  });
});

describe("severity rules end to end", () => {
  it("an unreachable Sentry opens a warning incident, never a critical one", async () => {
    simulator().setFault("sentry", { kind: "status", status: 503 });
    await cycle();
    expect(await db.incident.findFirstOrThrow({ where: { probe: "sentry" } })).toMatchObject({ severity: "warning", category: "service_unhealthy" });
  });

  it("a rate-limited vendor opens no incident", async () => {
    simulator().setFault("vercel", { kind: "rate_limit", retryAfterS: 20 });
    expect((await cycle()).detection.wakes).toBe(0);
    expect(await db.incident.count()).toBe(0);
  });
});

describe("a detection failure", () => {
  it("is logged and never breaks the cycle, and leaves no half-written incident", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await auditCount();
    const lift = await injectWriteFault(db, { name: "fail_wake", table: "Wake", operation: "INSERT", message: "wake table unavailable" });
    try {
      simulator().applyScenario("fly-machine-fails");
      const result = await cycle();
      expect(result.detection.failed).toEqual([{ probe: "fly", error: expect.stringMatching(/wake table unavailable|constraint/i) }]);
      expect(await db.probeSnapshot.count({ where: { probe: "fly", status: "degraded" } })).toBe(1);
      expect(await db.incident.count()).toBe(0);
      expect(await auditCount()).toBe(before);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("detection for fly failed; the cycle is stored"));
    } finally {
      await lift();
    }
  });

  it("in one probe does not cost another probe its wake", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const lift = await injectWriteFault(db, { name: "fail_fly_wake", table: "Wake", operation: "INSERT", message: "fly wake refused", when: { column: "probe", equals: "fly" } });
    try {
      simulator().applyScenario("fly-machine-fails");
      simulator().applyScenario("vercel-errors-rise");
      const result = await cycle();
      expect(result.detection).toMatchObject({ wakes: 1, failed: [{ probe: "fly", error: expect.stringMatching(/fly wake refused/) }] });
      expect(warned).toHaveBeenCalledWith(expect.stringMatching(/changes did not apply together \(.*fly wake refused.*\); applying them one by one/));
      expect(await db.incident.findMany({ select: { probe: true } })).toEqual([{ probe: "vercel" }]);
      expect(await db.wake.findMany({ select: { probe: true } })).toEqual([{ probe: "vercel" }]);
    } finally {
      await lift();
    }
  });
});
