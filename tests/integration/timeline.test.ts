import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTimeline, SNAPSHOT_PAGE } from "@/lib/timeline/get-timeline";
import { listInvestigations, investigationsQuery } from "@/lib/timeline/list-investigations";
import { writeAuditEvents } from "@/lib/audit/write-audit-event";
import { seedLongIncident } from "../helpers/seed-long-incident";
import { seedOpenIncident } from "../helpers/seed-open-incident";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe("getTimeline", () => {
  it("joins a long incident's streams in time order, with the snapshot strip capped and paginated", async () => {
    const { sessionId } = await seedLongIncident(db, { snapshots: 1_000, wakes: 50, end: daysAgo(10) });
    const timeline = await getTimeline(sessionId, { db });
    expect(timeline).not.toBeNull();
    const t = timeline!;
    const kinds = t.entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === "wake")).toHaveLength(50);
    expect(t.entries.filter((e) => e.kind === "wake" && e.wakeState === "debounced")).toHaveLength(49);
    expect(kinds.filter((k) => k === "dm")).toHaveLength(2);
    // The resolution, then its DM in the thread, close the story.
    expect(kinds.slice(-2)).toEqual(["resolved", "dm"]);
    const firstOf = (k: string) => kinds.indexOf(k as never);
    expect(firstOf("wake")).toBeLessThan(firstOf("autofix"));
    expect(firstOf("autofix")).toBeLessThan(firstOf("investigation"));
    expect(firstOf("investigation")).toBeLessThan(firstOf("dm"));
    expect(new Set(t.entries.map((e) => e.anchor)).size).toBe(t.entries.length);
    expect([...t.entries.map((e) => e.at)]).toEqual([...t.entries.map((e) => e.at)].sort());

    // 1000 snapshots in the incident plus none outside: the strip shows the newest page and offers older ones.
    expect(t.snapshots.total).toBe(1_000);
    expect(t.snapshots.items).toHaveLength(SNAPSHOT_PAGE);
    expect(t.snapshots.items.at(-1)!.status).toBe("healthy");
    expect(t.snapshots.newerCursor).toBeNull();
    expect(t.snapshots.olderCursor).toBe(t.snapshots.items[0]!.observedAt);

    const older = (await getTimeline(sessionId, { db, snapshots: { before: t.snapshots.olderCursor! } }))!.snapshots;
    expect(older.items).toHaveLength(SNAPSHOT_PAGE);
    expect(older.items.at(-1)!.observedAt < t.snapshots.items[0]!.observedAt).toBe(true);
    expect(older.newerCursor).toBe(older.items.at(-1)!.observedAt);
    const back = (await getTimeline(sessionId, { db, snapshots: { after: older.newerCursor! } }))!.snapshots;
    expect(back.items[0]!.observedAt).toBe(t.snapshots.items[0]!.observedAt);

    // Walking all the way back ends on the first page, which has nothing older.
    let page = t.snapshots;
    let pages = 1;
    while (page.olderCursor) {
      page = (await getTimeline(sessionId, { db, snapshots: { before: page.olderCursor } }))!.snapshots;
      pages++;
    }
    expect(pages).toBe(Math.ceil(1_000 / SNAPSHOT_PAGE));
    expect(t.live).toBe(false);
  });

  it("returns null for an unknown or malformed session id", async () => {
    expect(await getTimeline("probe:fly:service_degraded:doesnotexist", { db })).toBeNull();
    for (const bad of ["", "not-a-session", "probe:fly", "probe:FLY:x:y", "probe:fly:service_degraded:../../etc", "%E0%A4%A"]) {
      expect(await getTimeline(bad, { db })).toBeNull();
    }
  });

  it("ignores a malformed snapshot cursor instead of failing", async () => {
    const { sessionId } = await seedLongIncident(db, { snapshots: 10, wakes: 2, end: daysAgo(20) });
    const t = await getTimeline(sessionId, { db, snapshots: { before: "yesterday-ish" } });
    expect(t!.snapshots.items).toHaveLength(10);
  });
});

describe("getTimeline lifecycle steps", () => {
  it("shows acknowledgement, reminders, DM updates, flapping, escalation, recovery and the maintenance windows of its probe", async () => {
    const openedAt = daysAgo(5);
    const min = (n: number) => new Date(openedAt.getTime() + n * 60_000);
    const warning = await seedOpenIncident(db, { probe: "supabase", category: "service_degraded", severity: "warning", openedAt, resolvedAt: min(30) });
    const { sessionId } = await seedOpenIncident(db, {
      probe: "supabase", openedAt, resolvedAt: min(90), escalatedFrom: warning.sessionId, acknowledgedAt: min(10), acknowledgedBy: "alice",
      flappingSince: min(20), flappingEndedAt: min(60), maintenanceWindowId: "w-x",
    });
    const audit = (seam: Parameters<typeof writeAuditEvents>[1][number]["seam"], at: Date, details: Record<string, unknown>) => ({ seam, actor: "lookout", sessionId, probe: "supabase" as const, at, details });
    await db.$transaction((tx) =>
      writeAuditEvents(tx, [
        audit("incident.escalated", min(0), { from_session_id: warning.sessionId, from_severity: "warning" }),
        { ...audit("incident.acknowledged", min(10), { by: "alice", via: "dashboard" }), actor: "alice" },
        audit("incident.flapping_started", min(20), { changes: 6, window: 20 }),
        audit("incident.flapping_ended", min(60), {}),
        audit("incident.recovering", min(80), { healthy: 1, threshold: 2 }),
      ]),
    );
    await db.dmMessage.createMany({
      data: [
        { sessionId, dedupeKey: `reminder:${sessionId}:1`, kind: "reminder", channel: "D0SIM", ts: "1.1", threadTs: "1.0", text: "Still open after 1 h", status: "sent", attempts: 1, createdAt: min(5) },
        { sessionId, dedupeKey: `update:${sessionId}:acknowledged`, kind: "update", channel: "D0SIM", ts: "1.0", text: "Acknowledged by alice", status: "sent", attempts: 1, createdAt: min(11) },
      ],
    });
    // One window of this probe inside its life, one of all probes overlapping its end, and three that must not show:
    // another probe's, one before the incident, and a scheduled one cancelled before it started.
    const mk = (probe: string | null, from: number, to: number, endedAt: number | null, reason: string) =>
      db.maintenanceWindow.create({ data: { probe, reason, startsAt: min(from), endsAt: min(to), createdBy: "bob", createdAt: min(from), endedAt: endedAt === null ? null : min(endedAt), endedBy: endedAt === null ? null : "bob" } });
    const own = await mk("supabase", 15, 75, 40, "database upgrade");
    const all = await mk(null, 85, 5 * 1440 + 120, null, "provider migration");
    await mk("fly", 15, 75, null, "not this probe");
    await mk("supabase", -300, -100, -100, "before it opened");
    await mk("supabase", 50, 70, 45, "cancelled before it started");

    const t = (await getTimeline(sessionId, { db }))!;
    const kinds = t.entries.map((e) => e.kind);
    expect(t.incident).toMatchObject({ acknowledgedBy: "alice", flapping: false, flapped: true, duringMaintenance: true, escalatedFrom: warning.sessionId });
    expect(t.entries.find((e) => e.kind === "escalated")).toMatchObject({ fromSessionId: warning.sessionId, fromSeverity: "warning" });
    expect(t.entries.find((e) => e.kind === "acknowledged")).toMatchObject({ by: "alice", via: "dashboard", at: min(10).toISOString() });
    expect(t.entries.filter((e) => e.kind === "flapping").map((e) => e.kind === "flapping" && e.phase)).toEqual(["started", "ended"]);
    expect(t.entries.find((e) => e.kind === "flapping")).toMatchObject({ changes: 6, window: 20 });
    expect(t.entries.find((e) => e.kind === "recovering")).toMatchObject({ healthy: 1, threshold: 2 });
    expect(t.entries.filter((e) => e.kind === "dm").map((e) => e.kind === "dm" && e.dmKind)).toEqual(["reminder", "update"]);
    const windows = t.entries.flatMap((e) => (e.kind === "maintenance" ? [`${e.reason}:${e.phase}`] : []));
    // The all-probes window has not ended at "now": only its start shows.
    expect(windows).toEqual(["database upgrade:created", "database upgrade:ended", "provider migration:created"]);
    expect(t.entries.find((e) => e.kind === "maintenance" && e.phase === "ended")).toMatchObject({ windowId: own.id, by: "bob", early: true, scope: "supabase", scopeLabel: "Supabase" });
    expect(t.entries.find((e) => e.kind === "maintenance" && e.windowId === all.id)).toMatchObject({ scope: "all", scopeLabel: "All probes", by: "bob" });
    expect([...t.entries.map((e) => e.at)]).toEqual([...t.entries.map((e) => e.at)].sort());
    expect(kinds.indexOf("escalated")).toBeLessThan(kinds.indexOf("acknowledged"));
  });
});

describe("listInvestigations", () => {
  it("filters by probe, severity, state and DM status, newest first, with a cursor", async () => {
    const { sessionId } = await seedLongIncident(db, { snapshots: 20, wakes: 3, end: daysAgo(1) });
    const all = await listInvestigations({}, { db });
    const ids = all.rows.map((r) => r.openedAt);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(all.rows.find((r) => r.sessionId === sessionId)).toMatchObject({ wakeCount: 3, debouncedCount: 2, dmStatus: "sent", autofixOutcome: expect.stringMatching(/Restarted/) });
    expect((await listInvestigations(investigationsQuery.parse({ probe: "fly", dm: "sent", state: "resolved", severity: "warning" }), { db })).rows.map((r) => r.sessionId)).toContain(sessionId);
    expect((await listInvestigations(investigationsQuery.parse({ probe: "doppler" }), { db })).rows.map((r) => r.sessionId)).not.toContain(sessionId);
    expect((await listInvestigations(investigationsQuery.parse({ dm: "failed_send" }), { db })).rows.map((r) => r.sessionId)).not.toContain(sessionId);
    expect((await listInvestigations(investigationsQuery.parse({ state: "open" }), { db })).rows.map((r) => r.sessionId)).not.toContain(sessionId);

    const paged = await listInvestigations({}, { db, pageSize: 1 });
    expect(paged.nextCursor).not.toBeNull();
    const next = await listInvestigations(investigationsQuery.parse({ cursor: paged.nextCursor }), { db, pageSize: 1 });
    expect(next.rows[0]!.sessionId).not.toBe(paged.rows[0]!.sessionId);
  });

  it("filters on acknowledged, flapping and maintenance, each yes or no", async () => {
    const at = daysAgo(3);
    const plain = await seedOpenIncident(db, { probe: "sentry", openedAt: at, holdSlot: false });
    const acked = await seedOpenIncident(db, { probe: "sentry", openedAt: at, holdSlot: false, acknowledgedAt: at, acknowledgedBy: "alice" });
    const flapped = await seedOpenIncident(db, { probe: "sentry", openedAt: at, holdSlot: false, flappingSince: at, flappingEndedAt: at });
    const silenced = await seedOpenIncident(db, { probe: "sentry", openedAt: at, holdSlot: false, maintenanceWindowId: "w-seeded" });
    const ids = async (q: Record<string, string>) =>
      new Set((await listInvestigations(investigationsQuery.parse({ probe: "sentry", ...q }), { db, pageSize: 200 })).rows.map((r) => r.sessionId));
    const mine = [plain, acked, flapped, silenced].map((i) => i.sessionId);
    const pick = (set: Set<string>) => mine.filter((id) => set.has(id));

    expect(pick(await ids({ ack: "yes" }))).toEqual([acked.sessionId]);
    expect(pick(await ids({ ack: "no" }))).toEqual([plain.sessionId, flapped.sessionId, silenced.sessionId]);
    // A flapping incident that has settled still counts as one that flapped.
    expect(pick(await ids({ flapping: "yes" }))).toEqual([flapped.sessionId]);
    expect(pick(await ids({ flapping: "no" }))).toEqual([plain.sessionId, acked.sessionId, silenced.sessionId]);
    expect(pick(await ids({ maintenance: "yes" }))).toEqual([silenced.sessionId]);
    expect(pick(await ids({ maintenance: "no" }))).toEqual([plain.sessionId, acked.sessionId, flapped.sessionId]);
    expect(pick(await ids({ ack: "no", maintenance: "yes" }))).toEqual([silenced.sessionId]);
    expect(pick(await ids({}))).toEqual(mine);
    const row = (await listInvestigations(investigationsQuery.parse({ probe: "sentry", ack: "yes" }), { db })).rows.find((r) => r.sessionId === acked.sessionId);
    expect(row).toMatchObject({ acknowledgedBy: "alice", flapping: false, duringMaintenance: false });
  });

  it("drops bad query values instead of failing", () => {
    expect(investigationsQuery.parse({ probe: "heroku", severity: "mild", state: "maybe", dm: "'; drop", cursor: "../x", ack: "maybe", flapping: "1", maintenance: "true" })).toEqual({});
  });
});
