import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { emitWakes } from "@/lib/wake/emit-wakes";
import type { StoredSnapshot } from "@/lib/wake/wake-records";
import { injectWriteFault } from "../helpers/db-faults";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// What one detection pass writes and reports: the audit rows of a wake and of a resolution, the summary
// the cycle stores, and which incidents continue. Snapshots are handed in directly where the test needs
// exact times; the rows are read back from the real database.

const simulator = withSimulator();
// One healthy snapshot resolves here: these tests are about the rows a pass writes, and hand in snapshots
// without a stored history. The recovery threshold has its own tests (incident-lifecycle.test.ts).
const resolveAtOnce = Object.fromEntries(["SUPABASE", "FLY", "VERCEL", "SENTRY", "DOPPLER"].map((p) => [`LOOKOUT_RECOVERY_THRESHOLD_${p}`, "1"]));
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { ...resolveAtOnce, ...overrides });
const T0 = new Date("2026-11-30T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

const flyDegraded = (id: string, observedAt: Date): StoredSnapshot => ({
  id,
  probe: "fly",
  status: "degraded",
  details: { machines_total: 3, machines_started: 3, machines_unhealthy: 1 },
  error: null,
  observedAt,
});
const healthy = (probe: StoredSnapshot["probe"], id: string, observedAt: Date): StoredSnapshot => ({ id, probe, status: "healthy", details: {}, error: null, observedAt });

/** The batched write, not its one-by-one fallback (which would write the same rows), applied the pass. */
const appliedTogether = () => expect(console.warn).not.toHaveBeenCalledWith(expect.stringContaining("applying them one by one"));

beforeEach(async () => {
  vi.spyOn(console, "warn");
  simulator().reset();
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
});
afterEach(() => vi.restoreAllMocks());

describe("the rows a wake writes", () => {
  it("names its wake and is written by lookout", async () => {
    const summary = await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-1", T0)] });
    const wake = await db.wake.findFirstOrThrow();
    expect(summary.wakes).toEqual([{ probe: "fly", sessionId: wake.sessionId, opened: true }]);
    expect(wake).toMatchObject({ snapshotId: "snap-1", status: "pending", nextAttemptAt: T0, createdAt: T0 });
    const row = await db.auditEvent.findFirstOrThrow({ where: { seam: "probe.wake_requested", sessionId: wake.sessionId } });
    expect(row).toMatchObject({ actor: "lookout", probe: "fly" });
    expect(JSON.parse(row.details)).toMatchObject({ wake_id: wake.id, snapshot_id: "snap-1", incident_opened: true });
    appliedTogether();
  });
});

describe("the row a resolution writes", () => {
  it("carries what the incident was and how long it lasted", async () => {
    await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-1", T0)] });
    await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-2", at(30))] });
    const incident = await db.incident.findFirstOrThrow();
    // Opened 95 s before the healthy snapshot the resolution is timed by.
    await db.incident.update({ where: { id: incident.id }, data: { openedAt: at(-65) } });

    const summary = await emitWakes({ db, env: env(), snapshots: [healthy("fly", "snap-3", at(30)), healthy("vercel", "snap-4", at(30))] });
    expect(summary).toMatchObject({ resolved: 1, wakes: [], failed: [] });
    const row = await db.auditEvent.findFirstOrThrow({ where: { seam: "probe.incident_resolved", sessionId: incident.sessionId } });
    expect(row).toMatchObject({ actor: "lookout", probe: "fly" });
    expect(JSON.parse(row.details)).toEqual({
      probe: "fly",
      category: "service_degraded",
      severity: "warning",
      title: "Fly.io machines are unhealthy",
      opened_at: at(-65).toISOString(),
      duration_s: 95,
      issue_count: 2,
      healthy_snapshot_id: "snap-3",
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ openKey: null });
    appliedTogether();
  });
});

describe("an open incident", () => {
  it("continues while its issue persists, even when another issue of the probe broke its streak", async () => {
    // Supabase needs 3 issues in a row to open an incident; once open, the incident continues on the next one.
    const e = env();
    simulator().applyScenario("supabase-down");
    for (let i = 0; i < 3; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    const incident = await db.incident.findFirstOrThrow({ where: { probe: "supabase" } });
    expect(incident.category).toBe("service_unhealthy");

    // A degraded cycle (another category, held below its own threshold) in between: the unhealthy streak is back to 1.
    simulator().reset();
    simulator().applyScenario("supabase-pressure");
    const between = await runProbeCycle({ trigger: "manual", env: e, db });
    expect(between.ok && !between.coalesced && between.cycle.detection).toMatchObject({ wakes: 0, held: 1 });

    simulator().reset();
    simulator().applyScenario("supabase-down");
    const again = await runProbeCycle({ trigger: "manual", env: e, db });
    expect(again.ok && !again.coalesced && again.cycle.detection).toMatchObject({ wakes: 1, held: 0 });
    expect(await db.wake.count({ where: { sessionId: incident.sessionId } })).toBe(2);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ resolvedAt: null, issueCount: 2 });
    appliedTogether();
  });
});

describe("a detection pass that fails for one probe", () => {
  it("reports that probe as failed and still writes the other probe's wake", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // Each probe's history read is its own: a snapshot with an impossible time makes Supabase's read fail, not Fly's.
    const down: StoredSnapshot = { id: "snap-u", probe: "supabase", status: "unhealthy", details: {}, error: "REST unreachable", observedAt: new Date(Number.NaN) };
    const summary = await emitWakes({ db, env: env({ LOOKOUT_WAKE_THRESHOLD_SUPABASE: "1" }), snapshots: [down, flyDegraded("snap-f", T0)] });
    expect(summary.failed).toEqual([{ probe: "supabase", error: expect.stringMatching(/probeSnapshot|Invalid/i) }]);
    expect(summary.wakes).toEqual([{ probe: "fly", sessionId: expect.any(String), opened: true }]);
    expect(await db.wake.findMany({ select: { probe: true } })).toEqual([{ probe: "fly" }]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("detection for supabase failed; the cycle is stored"));
  });
});

describe("a pass whose changes cannot all apply together", () => {
  it("applies the others one by one: the other probe's wake and a resolution, and reports the one that failed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const sentryDown: StoredSnapshot = { id: "snap-s1", probe: "sentry", status: "unhealthy", details: {}, error: "Sentry unreachable", observedAt: T0 };
    await emitWakes({ db, env: env(), snapshots: [sentryDown] });
    const sentry = await db.incident.findFirstOrThrow({ where: { probe: "sentry" } });

    const lift = await injectWriteFault(db, { name: "refuse_fly_wake", table: "Wake", operation: "INSERT", message: "fly wake refused", when: { column: "probe", equals: "fly" } });
    let summary: Awaited<ReturnType<typeof emitWakes>>;
    try {
      const vercelDegraded: StoredSnapshot = { id: "snap-v", probe: "vercel", status: "degraded", details: { error_rate_24h: 0.3 }, error: null, observedAt: at(60) };
      summary = await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-f", at(60)), vercelDegraded, healthy("sentry", "snap-s2", at(60))] });
    } finally {
      await lift();
    }
    const vercel = await db.incident.findFirstOrThrow({ where: { probe: "vercel" } });
    expect(summary).toMatchObject({
      wakes: [{ probe: "vercel", sessionId: vercel.sessionId, opened: true }],
      resolved: 1,
      failed: [{ probe: "fly", error: expect.stringMatching(/fly wake refused/) }],
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id: sentry.id } })).toMatchObject({ resolvedAt: at(60), openKey: null });
    expect(await db.incident.count({ where: { probe: "fly" } })).toBe(0);
  });
});

describe("the pass's duration", () => {
  it("is the time the pass took, in milliseconds", async () => {
    const before = process.hrtime.bigint();
    const summary = await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-1", T0)] });
    const elapsedMs = Number(process.hrtime.bigint() - before) / 1e6;
    // A pass that reads and writes the database takes well over the 0.01 ms its two decimals can show.
    expect(summary.durationMs).toBeGreaterThan(0);
    expect(summary.durationMs).toBeLessThanOrEqual(elapsedMs);
  });
});

describe("what a pass leaves alone", () => {
  it("a healthy probe whose incidents are already resolved resolves nothing again and fails nothing", async () => {
    await emitWakes({ db, env: env(), snapshots: [flyDegraded("snap-1", T0)] });
    expect(await emitWakes({ db, env: env(), snapshots: [healthy("fly", "snap-2", at(30))] })).toMatchObject({ resolved: 1, failed: [] });
    const resolvedAt = (await db.incident.findFirstOrThrow()).resolvedAt;
    expect(await emitWakes({ db, env: env(), snapshots: [healthy("fly", "snap-3", at(60))] })).toMatchObject({ resolved: 0, failed: [], wakes: [] });
    expect((await db.incident.findFirstOrThrow()).resolvedAt).toEqual(resolvedAt);
    appliedTogether();
  });

  it("a degraded snapshot with no issue in it (the vendor rate-limited the probe) is neither a wake nor a failure", async () => {
    const limited: StoredSnapshot = { ...flyDegraded("snap-1", T0), details: { rate_limited: true } };
    expect(await emitWakes({ db, env: env(), snapshots: [limited] })).toMatchObject({ wakes: [], held: [], failed: [] });
    expect(await db.incident.count()).toBe(0);
  });

  it("holds a new issue below its probe's threshold and says how far along its streak is", async () => {
    const summary = await emitWakes({ db, env: env({ LOOKOUT_WAKE_THRESHOLD_FLY: "3" }), snapshots: [flyDegraded("snap-1", T0)] });
    expect(summary).toMatchObject({ wakes: [], held: [{ probe: "fly", consecutive: expect.any(Number), threshold: 3 }] });
    expect(summary.held[0]!.consecutive).toBeLessThan(3);
  });
});

