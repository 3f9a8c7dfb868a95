import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { acknowledgeIncidentAction } from "@/app/actions/acknowledge-incident";
import { createMaintenanceAction, endMaintenanceAction } from "@/app/settings/actions";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { db } from "@/lib/db";
import { signInForTest } from "../helpers/operator-session";
import { seedOpenIncident } from "../helpers/seed-open-incident";

// The dashboard's Acknowledge and the Settings maintenance actions, called as the browser would, with a
// real signed-in session: who acts comes from the session, never from the payload; a forged or malformed
// payload gets a clear message and writes nothing. Audit rows cannot be deleted, so tests assert on deltas.

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const jar = vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_NAME = "alice";
  return { token: undefined as string | undefined };
});
vi.mock("next/headers", async () => (await import("../helpers/operator-session")).fakeNextHeaders(jar));

beforeAll(async () => {
  jar.token = (await signInForTest("alice")).token;
});

beforeEach(() => {
  vi.mocked(revalidatePath).mockClear();
});

const countAudit = () => db.auditEvent.count();
const newestAudit = () => db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });

describe("acknowledgeIncidentAction", () => {
  it("acknowledges an open incident as the signed-in operator, once", async () => {
    const { sessionId } = await seedOpenIncident(db, { probe: "vercel", title: "Vercel API unreachable" });
    const before = await countAudit();

    const result = await acknowledgeIncidentAction({ sessionId });

    expect(result).toEqual({ ok: true, data: { sessionId, result: "acknowledged" } });
    expect(await db.incident.findUniqueOrThrow({ where: { sessionId } })).toMatchObject({ acknowledgedBy: "alice", acknowledgedAt: expect.any(Date) });
    expect(await countAudit()).toBe(before + 1);
    const row = await newestAudit();
    expect(row).toMatchObject({ seam: "incident.acknowledged", actor: "alice", sessionId, probe: "vercel" });
    expect(JSON.parse(row.details)).toMatchObject({ by: "alice", via: "dashboard" });
    expect(revalidatePath).toHaveBeenCalledWith("/");

    // The card shows who and when.
    const card = (await getDashboard({ db })).cards.find((c) => c.probe === "vercel")!;
    expect(card.openIncidents.find((i) => i.sessionId === sessionId)).toMatchObject({ acknowledgedBy: "alice", acknowledgedAt: expect.any(String) });

    // A second click is harmless: it says so and writes nothing.
    const again = await acknowledgeIncidentAction({ sessionId });
    expect(again).toEqual({ ok: true, data: { sessionId, result: "already_acknowledged" } });
    expect(await countAudit()).toBe(before + 1);
    await db.incident.update({ where: { sessionId }, data: { resolvedAt: new Date(), openKey: null } });
  });

  it("refuses a resolved or unknown incident with a clear message and writes nothing", async () => {
    const { sessionId } = await seedOpenIncident(db, { probe: "sentry", resolvedAt: new Date() });
    const before = await countAudit();
    expect(await acknowledgeIncidentAction({ sessionId })).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already resolved/) });
    expect(await acknowledgeIncidentAction({ sessionId: "probe:fly:service_degraded:nosuch1" })).toMatchObject({ ok: false, status: 404 });
    expect(await countAudit()).toBe(before);
  });

  it.each([
    ["a payload naming its own actor", (s: string) => ({ sessionId: s, actor: "root" }), /Unrecognized key: "actor"/],
    ["a malformed session id", () => ({ sessionId: "probe:fly:../../etc" }), /sessionId: not a session id/],
    ["null", () => null, /expected object/],
  ])("refuses %s with 400 and writes nothing", async (_name, payload, message) => {
    const { sessionId } = await seedOpenIncident(db, { probe: "supabase", holdSlot: false });
    const before = await countAudit();
    const result = await acknowledgeIncidentAction(payload(sessionId));
    expect(result).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(message) });
    expect(await db.incident.findUniqueOrThrow({ where: { sessionId } })).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null });
    expect(await countAudit()).toBe(before);
  });
});

describe("createMaintenanceAction and endMaintenanceAction", () => {
  it("opens a window now, silences the card, and ends it, each with an audit row naming who, scope and reason", async () => {
    const before = await countAudit();
    const created = await createMaintenanceAction({ scope: "fly", durationMinutes: 60, reason: "  machine migration  " });
    if (!created.ok) throw new Error(created.error);

    const window = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(window).toMatchObject({ probe: "fly", reason: "machine migration", createdBy: "alice", endedAt: null });
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(60 * 60_000);
    const createdRow = await newestAudit();
    expect(createdRow).toMatchObject({ seam: "maintenance.created", actor: "alice", probe: "fly" });
    expect(JSON.parse(createdRow.details)).toMatchObject({ window_id: window.id, scope: "fly", reason: "machine migration", by: "alice" });
    expect(revalidatePath).toHaveBeenCalledWith("/settings");

    const cards = (await getDashboard({ db })).cards;
    expect(cards.find((c) => c.probe === "fly")!.silenced).toMatchObject({ windowId: window.id, reason: "machine migration", until: window.endsAt.toISOString(), scope: "fly" });
    expect(cards.find((c) => c.probe === "vercel")!.silenced).toBeNull();

    const ended = await endMaintenanceAction({ id: window.id });
    expect(ended).toEqual({ ok: true, data: { id: window.id, ended: true } });
    expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).toMatchObject({ endedBy: "alice", endedAt: expect.any(Date) });
    const endedRow = await newestAudit();
    expect(endedRow).toMatchObject({ seam: "maintenance.ended", actor: "alice", probe: "fly" });
    expect(JSON.parse(endedRow.details)).toMatchObject({ window_id: window.id, scope: "fly", reason: "machine migration", by: "alice", early: true });
    expect(await countAudit()).toBe(before + 2);
    expect((await getDashboard({ db })).cards.find((c) => c.probe === "fly")!.silenced).toBeNull();

    // Ending it again changes nothing and writes nothing.
    expect(await endMaintenanceAction({ id: window.id })).toEqual({ ok: true, data: { id: window.id, ended: false } });
    expect(await countAudit()).toBe(before + 2);
  });

  it("schedules a window for later, which silences nothing until it starts, and cancels it", async () => {
    const startsAt = new Date(Date.now() + 3 * 3_600_000);
    const created = await createMaintenanceAction({ scope: "all", startsAt: startsAt.toISOString(), durationMinutes: 30, reason: "provider upgrade" });
    if (!created.ok) throw new Error(created.error);
    expect(created.data.startsAt).toBe(startsAt.toISOString());
    expect((await getDashboard({ db })).cards.every((c) => c.silenced === null)).toBe(true);
    expect(await endMaintenanceAction({ id: created.data.id })).toMatchObject({ ok: true, data: { ended: true } });
    expect(JSON.parse((await newestAudit()).details)).toMatchObject({ scope: "all", reason: "provider upgrade", by: "alice" });
  });

  it.each([
    ["a missing reason", { scope: "fly", durationMinutes: 60 }, /reason/],
    ["a blank reason", { scope: "fly", durationMinutes: 60, reason: "   " }, /say why/],
    ["an unknown scope", { scope: "heroku", durationMinutes: 60, reason: "x" }, /scope/],
    ["a zero duration", { scope: "fly", durationMinutes: 0, reason: "x" }, /durationMinutes/],
    ["a year-long window", { scope: "all", durationMinutes: 525_600, reason: "x" }, /durationMinutes/],
    ["a payload naming who created it", { scope: "fly", durationMinutes: 60, reason: "x", createdBy: "root" }, /Unrecognized key: "createdBy"/],
    ["a start that is not a date", { scope: "fly", durationMinutes: 60, reason: "x", startsAt: "tomorrow-ish" }, /startsAt/],
  ])("refuses %s with a clear message and writes nothing", async (_name, payload, message) => {
    const [audit, windows] = await Promise.all([countAudit(), db.maintenanceWindow.count()]);
    const result = await createMaintenanceAction(payload);
    expect(result).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^Invalid request/) });
    if (!result.ok) expect(result.error).toMatch(message);
    expect([await countAudit(), await db.maintenanceWindow.count()]).toEqual([audit, windows]);
  });

  it("refuses a start more than 30 days ahead with the service's own message", async () => {
    const windows = await db.maintenanceWindow.count();
    const result = await createMaintenanceAction({ scope: "fly", durationMinutes: 60, reason: "x", startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString() });
    expect(result).toEqual({ ok: false, status: 400, error: "A window can be scheduled at most 30 days ahead." });
    expect(await db.maintenanceWindow.count()).toBe(windows);
  });

  it("refuses to end an unknown window, or with a forged payload, and writes nothing", async () => {
    const audit = await countAudit();
    expect(await endMaintenanceAction({ id: "nosuchwindow" })).toMatchObject({ ok: false, status: 400, error: "That maintenance window does not exist." });
    expect(await endMaintenanceAction({ id: "x", endedBy: "root" })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/Unrecognized key/) });
    expect(await countAudit()).toBe(audit);
  });
});
