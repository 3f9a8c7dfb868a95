// The demo's story, played compressed: the same acts and step logic as `npm run demo`, real probe cycles
// against the simulator, real SQLite, the real consumer with the simulated Claude and Slack. Round 1 with
// the Fly envelope off, then the operator switches it on and rounds 2 and 3 follow. Every act must do
// what the terminal announces, the flapping Sentry and the Doppler maintenance window included.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { buildDemoEnv } from "@/lib/demo/build-demo-env";
import { describeReceivedDm } from "@/lib/demo/describe-received-dm";
import { demoStory, storyFailures, storyVendors, type StoryVendor } from "@/lib/demo/story";
import { createStoryPlayer, DEMO_ACTOR, type PlayedAct } from "@/lib/demo/story-player";
import { checkStorySettings, planStoryTiming } from "@/lib/demo/story-timing";
import { parseEnv, type Env } from "@/lib/env";
import { recoveryThreshold } from "@/lib/incidents/probe-stability";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import type { Incident } from "@/lib/generated/prisma/client";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { simulatorEnv } from "@/simulator/server";
import { databaseEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// An act lasts `stepMs` of wall time, with a probe cycle (and the wakes it emitted consumed) every CYCLE_MS:
// the demo's 45 s and 15 s, thirty times faster. On a loaded machine a cycle can take a second or more, so
// an act lasts at least four of the slowest warm cycle: the plan's margins (a debounce half-way between
// the longest incident and the next failure) stay wider than one late cycle. Debounce and cooldown come
// from the same plan as the demo's.
const MIN_STEP_MS = 1_500;
const CYCLE_MS = 500;
const ROUNDS = 3;
let stepMs = MIN_STEP_MS;
let timing = planStoryTiming(stepMs);

const simulator = withSimulator();

interface ActRecord {
  played: PlayedAct;
  start: Date;
  end: Date;
  envelopeOn: boolean;
  /** Fly restart requests the simulator received while the act lasted. */
  restartRequests: number;
}

const acts: ActRecord[] = [];
let incidents: Incident[] = [];
let env: Env;

// The simulator's request log keeps the latest thousand requests: it is emptied as each act starts.
const flyRestartRequests = () => simulator().requests().filter((r) => r.vendor === "fly" && r.method === "POST" && r.path.endsWith("/restart")).length;
const actOf = (at: Date) => acts.find((a) => a.start <= at && at < a.end);

beforeAll(async () => {
  // The environment the demo starts Lookout with, on this file's database.
  // Compressed, the story's cycles are a fraction of a second apart: none may be coalesced.
  const source = (plan: typeof timing) =>
    buildDemoEnv({ LOOKOUT_DEMO_DATABASE_URL: databaseEnv().DATABASE_URL, LOOKOUT_SESSION_SECRET: databaseEnv().LOOKOUT_SESSION_SECRET, LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" }, simulatorEnv(simulator().url), plan).env;
  const cycle = async (env: Env) => {
    const started = Date.now();
    const result = await runProbeCycle({ trigger: "scheduler", env, db });
    expect(result).toMatchObject({ ok: true, coalesced: false });
    await consumeWakes({ db, env });
    return Date.now() - started;
  };
  let slowest = 0;
  // The first cycle of a file is cold (modules, database, connections): only the two after it count.
  for (let i = 0; i < 3; i++) {
    const took = await cycle(parseEnv(source(timing)));
    if (i > 0) slowest = Math.max(slowest, took);
  }
  stepMs = Math.max(MIN_STEP_MS, Math.ceil((4 * slowest) / 100) * 100);
  timing = planStoryTiming(stepMs);
  env = parseEnv(source(timing));
  expect(env).toMatchObject({
    LOOKOUT_DEBOUNCE_SECONDS: timing.debounceSeconds,
    LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: timing.cooldownMinutes,
    LOOKOUT_FLAP_CHANGES: timing.flapChanges,
    LOOKOUT_FLAP_WINDOW: timing.flapWindow,
  });

  const player = createStoryPlayer({ simulator: simulator(), db, stepMs });
  let envelopeOn = false;
  // Acts start on a fixed schedule, as the demo's timer starts them: one late cycle never delays the rest.
  const t0 = Date.now();
  for (let step = 0; step < ROUNDS * demoStory.length; step++) {
    if (step === demoStory.length) {
      // Between rounds 1 and 2 the operator switches the Fly envelope on, as README's demo section says.
      await toggleEnvelope({ probe: "fly", enabled: true, reason: "demo: let Lookout restart the failed machine" }, { actor: "operator", db });
      envelopeOn = true;
    }
    await sleep(Math.max(0, t0 + step * stepMs - Date.now()));
    const start = new Date();
    const end = t0 + (step + 1) * stepMs;
    simulator().clearRequests();
    const played = await player.next(start.getTime());
    do {
      const took = await cycle(env);
      await sleep(Math.max(0, Math.min(CYCLE_MS - took, end - Date.now())));
    } while (Date.now() < end - CYCLE_MS / 2);
    await sleep(Math.max(0, end - Date.now()));
    acts.push({ played, start, end: new Date(Math.max(end, Date.now())), envelopeOn, restartRequests: flyRestartRequests() });
  }
  incidents = await db.incident.findMany({ orderBy: { openedAt: "asc" } });
}, 300_000);


describe("the demo's story, compressed", () => {
  it("is timed so that every act can play as announced", () => {
    const thresholds = Object.fromEntries(storyVendors.map((v) => [v, 1])) as Record<StoryVendor, number>;
    const recoveryThresholds = Object.fromEntries(storyVendors.map((v) => [v, recoveryThreshold(env, v)])) as Record<StoryVendor, number>;
    expect(recoveryThresholds.doppler).toBe(2);
    const settings = { stepMs, cycleMs: CYCLE_MS, debounceSeconds: timing.debounceSeconds, cooldownMinutes: timing.cooldownMinutes, thresholds, recoveryThresholds, flapChanges: env.LOOKOUT_FLAP_CHANGES };
    expect(checkStorySettings(settings)).toEqual([]);
  });

  it("opens, in each act, exactly the incidents of the failures the act begins", () => {
    for (const act of acts) {
      const opened = incidents.filter((i) => actOf(i.openedAt) === act).map((i) => i.probe).sort();
      const announced = act.played.act.begin.map((f) => storyFailures[f]).sort();
      expect({ act: act.played.line, opened }).toEqual({ act: act.played.line, opened: announced });
    }
    expect(incidents).toHaveLength(ROUNDS * 6);
  });

  it("resolves every incident: in the act that recovers its vendor, or in its own act once Lookout restarted the machine", () => {
    for (const incident of incidents) {
      expect(incident.resolvedAt, `${incident.sessionId} is still open`).not.toBeNull();
      const opened = acts.indexOf(actOf(incident.openedAt)!);
      const restarted = incident.probe === "fly" && acts[opened]!.envelopeOn;
      let recovering = opened + 1;
      while (!acts[recovering]!.played.act.recover.includes(incident.probe as StoryVendor)) recovering++;
      expect({ incident: incident.sessionId, resolvedIn: acts.indexOf(actOf(incident.resolvedAt!)!) }).toEqual({
        incident: incident.sessionId,
        resolvedIn: restarted ? opened : recovering,
      });
    }
    const last = acts.at(-1)!;
    expect(last.played.line).toMatch(/act 12\/12: Sentry recovers; all five vendors healthy again$/);
  });

  it("announces the recovery truthfully: a machine Lookout restarted is not said to recover", () => {
    const recoveryActs = acts.filter((a) => a.played.index === 4);
    expect(recoveryActs.map((a) => a.played.line)).toEqual([
      "round 1, act 5/12: Fly, Vercel and Sentry recover; a Doppler secret is now over 200 days old. Lookout investigates and DMs you; Doppler has no fix envelope, so it rotates nothing",
      "round 2, act 5/12: Vercel and Sentry recover; the Fly machine already runs again (Lookout restarted it); a Doppler secret is now over 200 days old. Lookout investigates and DMs you; Doppler has no fix envelope, so it rotates nothing",
      "round 3, act 5/12: Vercel and Sentry recover; the Fly machine already runs again (Lookout restarted it); a Doppler secret is now over 200 days old. Lookout investigates and DMs you; Doppler has no fix envelope, so it rotates nothing",
    ]);
  });

  it("investigates each incident once and DMs the operator once, plus one resolution in the thread", async () => {
    for (const incident of incidents) {
      const investigations = await db.investigation.findMany({ where: { sessionId: incident.sessionId } });
      expect({ incident: incident.sessionId, investigations: investigations.map((i) => [i.engine, i.dmStatus]) }).toEqual({
        incident: incident.sessionId,
        investigations: [["claude", "sent"]],
      });
      // Redraws of the first DM (kind "update", a flapping incident's) are not messages of their own here.
      const dms = await db.dmMessage.findMany({ where: { sessionId: incident.sessionId, kind: { in: ["investigation", "resolution"] } }, orderBy: { createdAt: "asc" } });
      expect(dms.map((d) => [d.kind, d.status])).toEqual([
        ["investigation", "sent"],
        ["resolution", "sent"],
      ]);
      expect(dms[1]!.threadTs).toBe(dms[0]!.ts);
    }
    const received = simulator().state.slack.messages;
    expect(received.filter((m) => m.threadTs === null)).toHaveLength(incidents.length);
    expect(received.filter((m) => m.threadTs !== null && m.text.startsWith("Resolved"))).toHaveLength(incidents.length);
  });

  it("with the envelope off, restarts nothing and says plainly why, in the DM and on the timeline", async () => {
    const fly = incidents.find((i) => i.probe === "fly" && !actOf(i.openedAt)!.envelopeOn)!;
    expect(acts.filter((a) => !a.envelopeOn).reduce((n, a) => n + a.restartRequests, 0)).toBe(0);
    expect(await db.auditEvent.count({ where: { seam: "tool.probe_autofix_attempted", sessionId: fly.sessionId } })).toBe(0);
    const investigation = await db.investigation.findFirstOrThrow({ where: { sessionId: fly.sessionId } });
    expect(investigation).toMatchObject({ envelopeEnabled: false, autofixAttempted: false, autofixOutcome: null });

    const why = "Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted.";
    expect(JSON.parse(investigation.lookoutDid!)).toEqual([why]);
    const dm = await db.dmMessage.findFirstOrThrow({ where: { sessionId: fly.sessionId, kind: "investigation" } });
    const slack = simulator().state.slack.messages.find((m) => m.ts === dm.ts)!;
    expect(slack.text).toContain(why);
    expect(JSON.stringify(slack.blocks)).toContain(why);
    // The demo's terminal prints it under the DM's first line.
    expect(describeReceivedDm(slack)).toEqual(["[demo] Slack DM: :large_orange_circle: Warning: Fly.io machines are unhealthy", `[demo]   Lookout did: ${why}`]);
    const timeline = await getTimeline(fly.sessionId, { db });
    const entry = timeline!.entries.find((e) => e.kind === "investigation");
    expect(entry?.kind === "investigation" && entry.report.lookoutDid).toEqual([why]);
    // Its later wakes were folded into the one investigation, not investigated again.
    expect(fly.debouncedCount).toBeGreaterThan(0);
  });

  it("with the envelope on, restarts each later Fly failure exactly once, and says so from the records", async () => {
    const flyOn = incidents.filter((i) => i.probe === "fly" && actOf(i.openedAt)!.envelopeOn);
    expect(flyOn).toHaveLength(ROUNDS - 1);
    const restarts = simulator().state.fly.restarts;
    expect(restarts).toHaveLength(ROUNDS - 1);
    for (const [n, incident] of flyOn.entries()) {
      const act = actOf(incident.openedAt)!;
      expect(act.restartRequests).toBe(1);
      expect(acts.filter((a) => a.played.round === act.played.round).reduce((sum, a) => sum + a.restartRequests, 0)).toBe(1);
      const restart = restarts[n]!;
      expect(new Date(restart.at) >= act.start && new Date(restart.at) < act.end).toBe(true);

      const rows = await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId: incident.sessionId }, orderBy: { id: "asc" } });
      const attempts = rows.map((r) => JSON.parse(r.details) as { outcome: string; app: string; machine_id: string });
      expect(attempts.map((a) => [a.outcome, a.app, a.machine_id])).toEqual([
        ["allowed", restart.app, restart.machineId],
        ["succeeded", restart.app, restart.machineId],
      ]);
      const investigation = await db.investigation.findFirstOrThrow({ where: { sessionId: incident.sessionId } });
      expect(investigation).toMatchObject({ envelopeEnabled: true, autofixAttempted: true });
      const did = `Restarted machine ${restart.machineId} in ${restart.app} (Fly envelope).`;
      expect(JSON.parse(investigation.lookoutDid!)).toEqual([did]);
      const dm = await db.dmMessage.findFirstOrThrow({ where: { sessionId: incident.sessionId, kind: "investigation" } });
      const slack = simulator().state.slack.messages.find((m) => m.ts === dm.ts)!;
      expect(slack.text).toContain(did);
      expect(describeReceivedDm(slack)).toContain(`[demo]   Lookout did: ${did}`);
    }
    expect(await db.auditEvent.count({ where: { seam: "tool.probe_autofix_attempted" } })).toBe(2 * (ROUNDS - 1));
  });

  it("announces the flap and the maintenance window, and says where to look", () => {
    const round1 = acts.filter((a) => a.played.round === 1).map((a) => a.played.line);
    expect(round1.slice(6, 12)).toEqual([
      "round 1, act 7/12: Doppler's secret is over 200 days old again, during maintenance. The demo opened a 1-minute Doppler maintenance window " +
        "(Settings → Maintenance; the dashboard's Doppler card shows it silenced): Lookout records the incident, and nothing wakes: no investigation, no DM",
      "round 1, act 8/12: Doppler is still in its maintenance window, its secret still old",
      "round 1, act 9/12: the Doppler secret is still old. The demo ended the Doppler maintenance window (Settings → Maintenance lists it as ended by demo): " +
        "the incident recorded during it is still open, so Lookout now investigates and DMs you",
      "round 1, act 10/12: Doppler recovers; Sentry starts flapping: its unresolved issues swing above and below the threshold on every probe. " +
        "Lookout opens one incident, investigates and DMs you once, and after a few flips marks it flapping (LOOKOUT_FLAP_CHANGES, see the incident's timeline): " +
        "no DM per flap, and it resolves only once Sentry stays healthy for its recovery threshold",
      "round 1, act 11/12: Sentry still flaps",
      "round 1, act 12/12: Sentry recovers; all five vendors healthy again",
    ]);
  });

  it("gives the flapping Sentry one incident a round, marked flapping, with one investigation and one DM, not one per flap", async () => {
    const flaps = incidents.filter((i) => actOf(i.openedAt)!.played.act.begin.includes("sentry-flaps"));
    expect(flaps).toHaveLength(ROUNDS);
    for (const incident of flaps) {
      const opened = actOf(incident.openedAt)!;
      const steadied = acts.find((a) => a.start > opened.start && a.played.act.recover.includes("sentry"))!;
      // Sentry's status really changed on every cycle of the flap: no two snapshots in a row alike.
      const statuses = (await db.probeSnapshot.findMany({ where: { probe: "sentry", observedAt: { gte: opened.start, lt: steadied.start } }, orderBy: { observedAt: "asc" } })).map((s) => s.status);
      expect(statuses.length).toBeGreaterThanOrEqual(env.LOOKOUT_FLAP_CHANGES);
      expect(statuses.every((status, n) => n === 0 || status !== statuses[n - 1])).toBe(true);

      expect(incident.flappingSince, `${incident.sessionId} was never marked flapping`).not.toBeNull();
      expect(incident.flappingSince! >= opened.start && incident.flappingSince! < steadied.start).toBe(true);
      // Stable through the recovery threshold once Sentry steadies: it stops flapping and resolves then.
      expect(incident.flappingEndedAt).toEqual(incident.resolvedAt);
      const rows = await db.auditEvent.findMany({ where: { sessionId: incident.sessionId, seam: { in: ["incident.flapping_started", "incident.flapping_ended"] } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => [r.seam, (JSON.parse(r.details) as { resolved?: boolean }).resolved])).toEqual([
        ["incident.flapping_started", undefined],
        ["incident.flapping_ended", true],
      ]);
      // One investigation and one DM for the whole flap; once flapping, its failures wake nothing.
      expect(await db.investigation.count({ where: { sessionId: incident.sessionId } })).toBe(1);
      expect(await db.dmMessage.count({ where: { sessionId: incident.sessionId, kind: "investigation" } })).toBe(1);
      expect(await db.wake.count({ where: { sessionId: incident.sessionId, createdAt: { gt: incident.flappingSince! } } })).toBe(0);
      expect(incident.issueCount).toBeGreaterThan(await db.wake.count({ where: { sessionId: incident.sessionId } }));
    }
    // Each flap was seen as one incident: no other Sentry incident opened while it flapped.
    expect(incidents.filter((i) => i.probe === "sentry")).toHaveLength(2 * ROUNDS);
  });

  it("records Doppler's failure in its maintenance window and wakes nothing until the demo ends the window, then investigates and DMs once", async () => {
    const windows = await db.maintenanceWindow.findMany({ orderBy: { createdAt: "asc" } });
    expect(windows).toHaveLength(ROUNDS);
    for (const window of windows) {
      expect(window).toMatchObject({ probe: "doppler", createdBy: DEMO_ACTOR, endedBy: DEMO_ACTOR });
      const opening = acts.find((a) => a.played.window && "opened" in a.played.window && a.played.window.opened === window.id)!;
      const ending = acts.find((a) => a.played.window && "ended" in a.played.window && a.played.window.ended === window.id)!;
      expect(ending.played.index - opening.played.index).toBe(2);
      // Ended early by the demo, as announced, not run out on its own.
      expect(window.endedAt! < window.endsAt).toBe(true);

      const recorded = incidents.filter((i) => i.maintenanceWindowId === window.id);
      expect(recorded).toHaveLength(1);
      const incident = recorded[0]!;
      expect({ probe: incident.probe, openedIn: actOf(incident.openedAt) === opening }).toEqual({ probe: "doppler", openedIn: true });
      // Seen on every cycle of the window, yet nothing woke while it lasted.
      const inWindow = await db.probeSnapshot.count({ where: { probe: "doppler", status: { not: "healthy" }, observedAt: { gte: window.startsAt, lt: window.endedAt! } } });
      expect(inWindow).toBeGreaterThanOrEqual(2);
      const wakes = await db.wake.findMany({ where: { sessionId: incident.sessionId }, orderBy: { createdAt: "asc" } });
      expect(wakes.length).toBeGreaterThan(0);
      expect(wakes.every((w) => w.createdAt >= window.endedAt!)).toBe(true);
      const wakeRows = await db.auditEvent.findMany({ where: { sessionId: incident.sessionId, seam: "probe.wake_requested" } });
      expect(wakeRows.every((r) => r.createdAt >= window.endedAt!)).toBe(true);
      // The first cycle after the window woke it: investigated and DMed in the act that ended the window.
      const investigations = await db.investigation.findMany({ where: { sessionId: incident.sessionId } });
      expect(investigations).toHaveLength(1);
      const dm = await db.dmMessage.findFirstOrThrow({ where: { sessionId: incident.sessionId, kind: "investigation" } });
      expect(dm.createdAt >= window.endedAt!).toBe(true);
      expect(actOf(wakes[0]!.createdAt)).toBe(ending);
      expect(actOf(dm.createdAt)).toBe(ending);

      const audit = await db.auditEvent.findMany({ where: { seam: { in: ["maintenance.created", "maintenance.ended"] } }, orderBy: { id: "asc" } });
      const mine = audit.filter((r) => (JSON.parse(r.details) as { window_id: string }).window_id === window.id);
      expect(mine.map((r) => [r.seam, r.actor])).toEqual([
        ["maintenance.created", DEMO_ACTOR],
        ["maintenance.ended", DEMO_ACTOR],
      ]);
    }
  });

  it("flags no claim_mismatch anywhere", async () => {
    const investigations = await db.investigation.findMany();
    expect(investigations).toHaveLength(incidents.length);
    expect(investigations.map((i) => [i.claimCheck, i.claimMismatch])).toEqual(investigations.map(() => ["passed", null]));
    const completed = await db.auditEvent.findMany({ where: { seam: "probe.investigation_completed" } });
    expect(completed.map((r) => (JSON.parse(r.details) as { claim_mismatch: unknown }).claim_mismatch)).toEqual(completed.map(() => null));
    for (const message of simulator().state.slack.messages) expect(message.text).not.toMatch(/claim mismatch/i);
  });
});
