import { beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { createMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { queueReminders } from "@/lib/wake/queue-reminders";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Reminders in the incident's DM thread: at the interval while it is open and unacknowledged, each once,
// with the figures now; never after acknowledgement or resolution, never inside a window, never a model call.

const simulator = withSimulator();
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { LOOKOUT_REMINDER_MINUTES: "60", ...overrides });
const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000);

async function openFlyIncident(e: Env) {
  simulator().applyScenario("fly-machine-fails");
  await runProbeCycle({ trigger: "manual", env: e, db });
  await consumeWakes({ db, env: e });
  return db.incident.findFirstOrThrow();
}

/** A consumer pass at `now`: it queues the reminders due and delivers them. */
const passAt = (e: Env, now: Date) => consumeWakes({ db, env: e, now: () => now });
const reminders = () => simulator().state.slack.messages.filter((m) => m.text.startsWith("Still open"));
const modelCalls = () => simulator().requests().filter((r) => r.path.includes("/v1/messages")).length;

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await db.probeCycle.deleteMany();
});

describe("reminders", () => {
  it("go into the DM's thread at the interval, each once, with how long and the figures now, and ask no model", async () => {
    const e = env();
    const incident = await openFlyIncident(e);
    const [dm] = simulator().state.slack.messages;
    const calls = modelCalls();

    await passAt(e, minutes(59, incident.openedAt));
    expect(reminders()).toHaveLength(0);
    await passAt(e, minutes(60, incident.openedAt));
    await passAt(e, minutes(62, incident.openedAt));
    expect(reminders()).toHaveLength(1);
    const [first] = reminders();
    expect(first!.threadTs).toBe(dm!.ts);
    expect(first!.text).toMatch(/^Still open after 1 h: Fly\.io machines are unhealthy/);
    expect(first!.text).toMatch(/1 unhealthy/);
    // Twice in parallel, as two instances would: still one reminder.
    await Promise.all([queueReminders({ db, env: e, now: minutes(121, incident.openedAt) }), queueReminders({ db, env: e, now: minutes(121, incident.openedAt) })]);
    await passAt(e, minutes(122, incident.openedAt));
    expect(reminders()).toHaveLength(2);
    expect(await db.dmMessage.findMany({ where: { kind: "reminder" }, select: { dedupeKey: true } })).toEqual(
      expect.arrayContaining([{ dedupeKey: `reminder:${incident.sessionId}:1` }, { dedupeKey: `reminder:${incident.sessionId}:2` }]),
    );
    expect(await db.incident.findFirstOrThrow()).toMatchObject({ reminderCount: 2 });
    expect(modelCalls()).toBe(calls);
    expect(await db.investigation.count()).toBe(1);
  });

  it("stop once the incident is acknowledged", async () => {
    const e = env();
    const incident = await openFlyIncident(e);
    await passAt(e, minutes(61, incident.openedAt));
    expect(reminders()).toHaveLength(1);
    await acknowledgeIncident(db, { sessionId: incident.sessionId, actor: "alice", via: "dashboard" });
    await passAt(e, minutes(181, incident.openedAt));
    expect(reminders()).toHaveLength(1);
  });

  it("are not sent after resolution", async () => {
    const e = env();
    const incident = await openFlyIncident(e);
    simulator().applyScenario("all-healthy");
    for (let i = 0; i < 2; i++) await runProbeCycle({ trigger: "manual", env: e, db });
    await passAt(e, minutes(61, incident.openedAt));
    expect(reminders()).toHaveLength(0);
    expect(await db.dmMessage.count({ where: { kind: "reminder" } })).toBe(0);
  });

  it("are not sent while a window silences the probe, nor when turned off", async () => {
    const incident = await openFlyIncident(env());
    await passAt(env({ LOOKOUT_REMINDER_MINUTES: "0" }), minutes(61, incident.openedAt));
    expect(reminders()).toHaveLength(0);
    await createMaintenanceWindow(db, { scope: "fly", durationMinutes: 24 * 60, reason: "Fly region migration" }, "alice", minutes(1, incident.openedAt));
    await passAt(env(), minutes(61, incident.openedAt));
    expect(reminders()).toHaveLength(0);
  });
});
