import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notifyResolutions } from "@/lib/wake/notify-resolutions";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Which resolved incidents get a resolution message: those the operator was told about, once, for a day.

const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url);
const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

beforeEach(async () => {
  simulator().reset();
  await clearIncidentRows(db);
});

/** A resolved Fly incident; `told` stores its first DM as sent (or as `told` when a status is given). */
async function resolvedIncident({ resolvedMinutesAgo = 5, told = "sent" as string | null, title = "Fly machine stopped" } = {}) {
  const id = randomUUID();
  const sessionId = `probe:fly:service_unhealthy:${id}`;
  await db.incident.create({
    data: { id, sessionId, probe: "fly", category: "service_unhealthy", severity: "critical", title, detail: "", openedAt: ago(resolvedMinutesAgo + 12), lastSeenAt: ago(resolvedMinutesAgo), resolvedAt: ago(resolvedMinutesAgo) },
  });
  if (told) {
    await db.dmMessage.create({ data: { sessionId, dedupeKey: `investigation:${randomUUID()}`, kind: "investigation", text: "Critical", status: told, channel: told === "sent" ? "D0SIM" : null, ts: told === "sent" ? "1700000000.000100" : null, createdAt: ago(resolvedMinutesAgo + 10) } });
  }
  return sessionId;
}

const resolutions = () => db.dmMessage.findMany({ where: { kind: "resolution" } });

/** The database as notifyResolutions sees it, keeping each batch of outbox rows it lists. */
function watchingOutboxReads() {
  const reads: Record<string, unknown>[][] = [];
  const watched = db.$extends({
    query: {
      dmMessage: {
        async findMany({ args, query }) {
          const rows = await query(args);
          reads.push(rows as Record<string, unknown>[]);
          return rows;
        },
      },
    },
  });
  return { db: watched as unknown as PrismaClient, reads };
}

describe("notifyResolutions", () => {
  it("tells the operator once that an incident they were told about resolved, with how long it lasted", async () => {
    const sessionId = await resolvedIncident();
    expect(await notifyResolutions({ db, env: env(), now })).toBe(1);
    expect(await notifyResolutions({ db, env: env(), now })).toBe(0);
    expect(await resolutions()).toEqual([expect.objectContaining({ sessionId, status: "sent", dedupeKey: `resolution:${sessionId}` })]);
    expect(simulator().state.slack.messages).toHaveLength(1);
    expect(simulator().state.slack.messages[0]?.text).toMatch(/^Resolved: Fly machine stopped after 12 min/);
  });

  it("says nothing about an incident whose first message was not delivered, or resolved more than a day ago", async () => {
    await resolvedIncident({ told: null });
    await resolvedIncident({ told: "failed" });
    await resolvedIncident({ told: "queued" });
    await resolvedIncident({ told: "unknown" });
    await resolvedIncident({ resolvedMinutesAgo: 24 * 60 + 1 });
    expect(await notifyResolutions({ db, env: env(), now })).toBe(0);
    expect(await resolutions()).toEqual([]);
    expect(simulator().state.slack.messages).toHaveLength(0);
  });

  it("counts only the resolutions it sent now, each incident apart, and leaves one already in the outbox to it", async () => {
    const a = await resolvedIncident({ title: "A" });
    await resolvedIncident({ title: "B", resolvedMinutesAgo: 24 * 60 - 1 });
    const c = await resolvedIncident({ title: "C" });
    await db.dmMessage.create({ data: { sessionId: c, dedupeKey: `resolution:${c}`, kind: "resolution", text: "Resolved: C", status: "queued", nextAttemptAt: new Date(now.getTime() + 60_000), createdAt: ago(1) } });
    expect(await notifyResolutions({ db, env: env(), now })).toBe(2);
    expect(simulator().state.slack.messages.map((m) => m.text.split(" after")[0]).sort()).toEqual(["Resolved: A", "Resolved: B"]);
    expect((await resolutions()).find((r) => r.sessionId === a)).toMatchObject({ status: "sent" });
    expect((await resolutions()).find((r) => r.sessionId === c)).toMatchObject({ status: "queued" });
  });

  it("counts a resolution Slack refused as not sent", async () => {
    await resolvedIncident();
    simulator().state.slack.failNext = { method: "chat.postMessage", error: "channel_not_found" };
    expect(await notifyResolutions({ db, env: env(), now })).toBe(0);
    expect(await resolutions()).toEqual([expect.objectContaining({ status: "failed", errorCode: "channel_not_found" })]);
  });

  it("tells only the incidents whose own first message reached the operator, whatever other sessions were told", async () => {
    const told = await resolvedIncident({ title: "Told" });
    await resolvedIncident({ title: "Not delivered", told: "failed" });
    await resolvedIncident({ title: "Never written", told: null });
    expect(await notifyResolutions({ db, env: env(), now })).toBe(1);
    expect((await resolutions()).map((r) => r.sessionId)).toEqual([told]);
    expect(simulator().state.slack.messages.map((m) => m.text)).toEqual([expect.stringMatching(/^Resolved: Told after/)]);
  });

  it("leaves a resolution already due in the outbox to the drain: it neither delivers nor counts it", async () => {
    const sessionId = await resolvedIncident();
    await db.dmMessage.create({ data: { sessionId, dedupeKey: `resolution:${sessionId}`, kind: "resolution", text: "Resolved: Fly machine stopped", status: "queued", nextAttemptAt: ago(1), createdAt: ago(2) } });
    expect(await notifyResolutions({ db, env: env(), now })).toBe(0);
    expect(simulator().state.slack.messages).toHaveLength(0);
    expect(await resolutions()).toEqual([expect.objectContaining({ sessionId, status: "queued", attempts: 0 })]);
  });

  it("with nothing resolved in the last day, does not read the outbox at all", async () => {
    await resolvedIncident({ resolvedMinutesAgo: 2 * 24 * 60 });
    const watched = watchingOutboxReads();
    expect(await notifyResolutions({ db: watched.db, env: env(), now })).toBe(0);
    expect(watched.reads).toEqual([]);
  });

  it("reads from the outbox only whether each resolved incident's session was told and answered", async () => {
    const resolved = await resolvedIncident();
    // A busy outbox: an incident still open, whose DM went out.
    const open = await resolvedIncident({ title: "Still open" });
    await db.incident.updateMany({ where: { sessionId: open }, data: { resolvedAt: null } });
    const watched = watchingOutboxReads();
    expect(await notifyResolutions({ db: watched.db, env: env(), now })).toBe(1);
    const rows = watched.reads.flat();
    expect(rows.map((r) => r.sessionId)).toEqual([resolved]);
    expect(rows.map((r) => Object.keys(r).sort())).toEqual([["kind", "sessionId", "status"]]);
  });
});
