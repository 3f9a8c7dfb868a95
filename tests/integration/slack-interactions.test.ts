import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildInteractionRequest, type SendInteractionInput } from "@/simulator/slack-interactions";
import { simSlackOperatorId } from "@/simulator/state";
import { startSimulator, simulatorEnv, type Simulator } from "@/simulator/server";
import { dmChannelId } from "@/simulator/vendors/slack";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { readEveryTable } from "../helpers/db-contents";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";

// POST /api/slack/interactions, called as Slack would call it: a signed form body built by the simulator, answered
// by the real route against the real database, its redraws going to the simulated Slack through @slack/web-api.

const SIGNING_SECRET = "slack-signing-secret-for-tests-3e9f1a7c";
const URL_PATH = "http://localhost/api/slack/interactions";
let sim: Simulator;

async function loadRoute(extraEnv: Record<string, string | undefined> = {}) {
  vi.resetModules();
  Object.assign(process.env, simulatorEnv(sim.url), { SLACK_SIGNING_SECRET: SIGNING_SECRET, LOOKOUT_AI_MAX_RETRIES: "0" });
  for (const [k, v] of Object.entries(extraEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const { POST } = await import("@/app/api/slack/interactions/route");
  const { db } = await import("@/lib/db");
  return { POST, db };
}

const env = () => simulatedEnv(sim.url, { LOOKOUT_AI_MAX_RETRIES: "0", SLACK_SIGNING_SECRET: SIGNING_SECRET });

function slackRequest(input: Partial<SendInteractionInput> & { actionId: string }): Request {
  const built = buildInteractionRequest(sim.state.slack, { url: URL_PATH, signingSecret: SIGNING_SECRET, userId: simSlackOperatorId, ...input });
  return new Request(built.url, { method: "POST", headers: built.headers, body: built.body });
}

/** The whole database as text: an UPDATE shows up as surely as an INSERT. */
async function databaseState(db: PrismaClient): Promise<string> {
  return JSON.stringify(await readEveryTable(db), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** An open Fly incident whose investigation DM is in the simulated Slack. */
async function incidentWithDm(db: PrismaClient): Promise<string> {
  sim.applyScenario("fly-machine-fails");
  const { sessionId } = await cycleAndFindUnhealthyMachine(db, env());
  await consumeWakes({ db, env: env() });
  expect(sim.state.slack.messages).toHaveLength(1);
  return sessionId;
}

/** Waits until no outbox row is due or in delivery: the redraw queued by an action has been settled. */
async function outboxSettled(db: PrismaClient) {
  await vi.waitFor(async () => expect(await db.dmMessage.count({ where: { status: { in: ["queued", "sending"] } } })).toBe(0), { timeout: 10_000 });
}

const buttons = (blocks: unknown) => JSON.stringify(blocks).match(/"action_id":"[a-z_0-9]+"/g) ?? [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  vi.restoreAllMocks();
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const { db } = await loadRoute();
  await clearIncidentRows(db);
  await db.maintenanceWindow.deleteMany();
  await db.slackInteraction.deleteMany();
  await db.probeCycle.deleteMany();
});

describe("refused requests write nothing", () => {
  it("a forged signature, a tampered body, a stale timestamp and missing headers: 401, database unchanged, nothing sent", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    sim.clearRequests();
    const before = await databaseState(db);
    for (const forge of ["wrong_secret", "tampered_body", "stale_timestamp", "no_headers"] as const) {
      const res = await POST(slackRequest({ actionId: "acknowledge", value: sessionId, forge }));
      expect(res.status, forge).toBe(401);
      expect(await res.json(), forge).toMatchObject({ ok: false, error: expect.any(String) });
    }
    expect(await databaseState(db)).toBe(before);
    expect(sim.requests()).toHaveLength(0);
  });

  it("with SLACK_SIGNING_SECRET unset even a correctly signed request is refused", async () => {
    const { db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const { POST } = await loadRoute({ SLACK_SIGNING_SECRET: undefined });
    const before = await databaseState(db);
    const res = await POST(slackRequest({ actionId: "acknowledge", value: sessionId }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error: expect.stringContaining("SLACK_SIGNING_SECRET") });
    expect(await databaseState(db)).toBe(before);
  });

  it("a correctly signed body that is not a block_actions payload: 400, nothing written", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const before = await databaseState(db);
    const { signSlackRequest } = await import("@/lib/slack/verify-slack-signature");
    const ts = String(Math.floor(Date.now() / 1000));
    const bodies = [
      "payload=not-json",
      "nothing=here",
      new URLSearchParams({ payload: JSON.stringify({ type: "view_submission", user: { id: simSlackOperatorId }, actions: [] }) }).toString(),
      new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: simSlackOperatorId }, actions: [{ action_id: "acknowledge", value: sessionId }] }) }).toString(),
    ];
    for (const body of bodies) {
      const headers = { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signSlackRequest(SIGNING_SECRET, ts, body) };
      expect((await POST(new Request(URL_PATH, { method: "POST", headers, body }))).status, body).toBe(400);
    }
    expect(await databaseState(db)).toBe(before);
  });

  it("someone other than the operator gets an ephemeral 'not allowed' and nothing is written", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const before = await databaseState(db);
    const res = await POST(slackRequest({ actionId: "acknowledge", value: sessionId, userId: "U0SIMDEV02" }));
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(sim.state.slack.ephemeral).toHaveLength(1), { timeout: 5_000 });
    expect(sim.state.slack.ephemeral[0]).toMatchObject({ user: "U0SIMDEV02", channel: dmChannelId("U0SIMDEV02"), text: expect.stringMatching(/only the lookout operator/i) });
    expect(await databaseState(db)).toBe(before);
    expect(sim.state.slack.updates).toHaveLength(0);
  });
});

describe("acting from Slack", () => {
  it("Acknowledge: the incident is acknowledged by the Slack user, audited, and its message redrawn in place without the button", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const [message] = sim.state.slack.messages;
    expect(buttons(message!.blocks)).toEqual(['"action_id":"acknowledge"', '"action_id":"silence_1h"', '"action_id":"open_timeline"']);

    const res = await POST(slackRequest({ actionId: "acknowledge", value: sessionId }));
    expect(res.status).toBe(200);
    expect(await db.incident.findUniqueOrThrow({ where: { sessionId } })).toMatchObject({ acknowledgedBy: `slack:${simSlackOperatorId}`, acknowledgedAt: expect.any(Date) });
    const audit = await db.auditEvent.findMany({ where: { seam: "incident.acknowledged", sessionId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`slack:${simSlackOperatorId}`);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ by: `slack:${simSlackOperatorId}`, via: "slack" });

    await vi.waitFor(() => expect(sim.state.slack.updates).toHaveLength(1), { timeout: 10_000 });
    await outboxSettled(db);
    // The same message (one in the DM, same ts), now saying who acknowledged it, and only Silence and the link left.
    expect(sim.state.slack.messages).toHaveLength(1);
    const redrawn = sim.state.slack.messages[0]!;
    expect(redrawn.ts).toBe(message!.ts);
    expect(JSON.stringify(redrawn.blocks)).toContain(`*Acknowledged* by <@${simSlackOperatorId}>`);
    expect(buttons(redrawn.blocks)).toEqual(['"action_id":"silence_1h"', '"action_id":"open_timeline"']);
    expect(redrawn.text).toMatch(/Acknowledged/);
  });

  it("Silence 1 h: a one-hour window for the incident's probe, audited with the Slack user, the message redrawn without Silence", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    expect((await POST(slackRequest({ actionId: "silence_1h", value: sessionId }))).status).toBe(200);

    const windows = await db.maintenanceWindow.findMany();
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window).toMatchObject({ probe: "fly", createdBy: `slack:${simSlackOperatorId}`, endedAt: null, reason: expect.stringMatching(/^Silenced from Slack: /) });
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(60 * 60_000);
    const created = await db.auditEvent.findMany({ where: { seam: "maintenance.created", details: { contains: window.id } } });
    expect(created).toHaveLength(1);
    expect(created[0]!.actor).toBe(`slack:${simSlackOperatorId}`);
    expect(JSON.parse(created[0]!.details)).toMatchObject({ by: `slack:${simSlackOperatorId}`, scope: "fly" });

    await vi.waitFor(() => expect(sim.state.slack.updates).toHaveLength(1), { timeout: 10_000 });
    await outboxSettled(db);
    const redrawn = sim.state.slack.messages[0]!;
    expect(JSON.stringify(redrawn.blocks)).toContain("*Silenced* until");
    expect(buttons(redrawn.blocks)).toEqual(['"action_id":"acknowledge"', '"action_id":"open_timeline"']);
  });

  it("the same payload delivered twice acts once: one audit row, one window, one redraw each", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const acknowledge = { actionId: "acknowledge", value: sessionId, actionTs: "1764583200.123456" };
    const silence = { actionId: "silence_1h", value: sessionId, actionTs: "1764583201.654321" };
    expect((await POST(slackRequest(acknowledge))).status).toBe(200);
    expect((await POST(slackRequest(silence))).status).toBe(200);
    await vi.waitFor(() => expect(sim.state.slack.updates.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    await outboxSettled(db);
    const before = await databaseState(db);

    // Redelivered (a fresh signature and trigger id, as a retry would have): 200, and nothing more.
    expect((await POST(slackRequest(acknowledge))).status).toBe(200);
    expect((await POST(slackRequest(silence))).status).toBe(200);
    expect(await databaseState(db)).toBe(before);
    expect(await db.auditEvent.count({ where: { seam: "incident.acknowledged", sessionId } })).toBe(1);
    expect(await db.maintenanceWindow.count()).toBe(1);
    expect(await db.slackInteraction.count()).toBe(2);
  });

  it("the timeline link's click is answered 200 and changes nothing", async () => {
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    const before = await databaseState(db);
    expect((await POST(slackRequest({ actionId: "open_timeline", value: sessionId }))).status).toBe(200);
    expect(await databaseState(db)).toBe(before);
  });
});

describe("an update before the first message is in Slack", () => {
  it("is settled as folded without an error, and the first message shows the state when it goes out", async () => {
    const { POST, db } = await loadRoute();
    sim.applyScenario("fly-machine-fails");
    const { sessionId } = await cycleAndFindUnhealthyMachine(db, env());
    expect((await POST(slackRequest({ actionId: "acknowledge", value: sessionId }))).status).toBe(200);
    await outboxSettled(db);
    const update = await db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: `update:${sessionId}:acknowledged` } });
    expect(update).toMatchObject({ status: "folded", errorCode: null, failureReason: expect.stringMatching(/first message/) });
    expect(sim.state.slack.updates).toHaveLength(0);

    await consumeWakes({ db, env: env() });
    const [message] = sim.state.slack.messages;
    expect(JSON.stringify(message!.blocks)).toContain(`*Acknowledged* by <@${simSlackOperatorId}>`);
    expect(buttons(message!.blocks)).toEqual(['"action_id":"silence_1h"', '"action_id":"open_timeline"']);
  });
});

describe("the signing secret", () => {
  it("never reaches a log line, a database row or a Slack message, whether a request is accepted or refused", async () => {
    const logged: string[] = [];
    for (const method of ["log", "warn", "error", "info"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    const { POST, db } = await loadRoute();
    const sessionId = await incidentWithDm(db);
    for (const forge of ["wrong_secret", "tampered_body", "stale_timestamp"] as const) await POST(slackRequest({ actionId: "silence_1h", value: sessionId, forge }));
    await POST(slackRequest({ actionId: "acknowledge", value: sessionId }));
    await POST(slackRequest({ actionId: "silence_1h", value: sessionId }));
    await POST(slackRequest({ actionId: "acknowledge", value: sessionId, userId: "U0SIMDEV02" }));
    await vi.waitFor(() => expect(sim.state.slack.updates.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(sim.state.slack.ephemeral).toHaveLength(1), { timeout: 5_000 });
    await outboxSettled(db);
    expect(logged.join("\n")).toMatch(/Slack interaction/);
    const everywhere = [logged.join("\n"), await databaseState(db), JSON.stringify(sim.state.slack), JSON.stringify(sim.requests().map((r) => [r.headers, r.body]))];
    for (const place of everywhere) expect(place).not.toContain(SIGNING_SECRET);
  });
});
