import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTimeline, SNAPSHOT_PAGE } from "@/lib/timeline/get-timeline";
import { listInvestigations, investigationsQuery } from "@/lib/timeline/list-investigations";
import { seedLongIncident } from "../helpers/seed-long-incident";

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

  it("drops bad query values instead of failing", () => {
    expect(investigationsQuery.parse({ probe: "heroku", severity: "mild", state: "maybe", dm: "'; drop", cursor: "../x" })).toEqual({});
  });
});
