import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseNow } from "@/lib/db/dialect";
import { enqueueDm } from "@/lib/slack/outbox-records";
import { simulatorEnv } from "@/simulator/server";
import { goTogether, startLookoutProcess, stopAll, type LookoutProcess } from "../helpers/lookout-process";
import { withSimulator } from "../helpers/with-simulator";

// Two instances drain the same outbox at the same moment: each message reaches Slack exactly once, and is
// recorded as delivered once.

const simulator = withSimulator();
const MESSAGES = 12;
let drains: LookoutProcess[] = [];

beforeEach(async () => {
  simulator().reset();
  await db.dmMessage.deleteMany();
});
afterEach(() => stopAll(drains));

describe("the Slack outbox drained by two processes at once", () => {
  it("posts every queued message exactly once", async () => {
    const now = await databaseNow(db);
    const keys = Array.from({ length: MESSAGES }, (_, i) => `investigation:wake-${i}`);
    for (const [i, dedupeKey] of keys.entries()) {
      await enqueueDm(db, { sessionId: `probe:fly:service_degraded:session-${i}`, dedupeKey, kind: "investigation", message: { text: `message ${i}`, blocks: [] } }, now);
    }
    // A little latency per Slack call, so the two drains are at work on the outbox at the same time.
    simulator().setLatency("slack", 50);

    drains = [0, 1].map(() => startLookoutProcess("outbox-process.ts", [], simulatorEnv(simulator().url)));
    await goTogether(drains);
    await Promise.all(drains.map((d) => d.exited));

    const posted = simulator().state.slack.messages.map((m) => m.metadata?.event_payload.key);
    expect(posted.sort()).toEqual([...keys].sort());
    const sent = drains.map((d) => (JSON.parse(d.lines.at(-1)!) as { sent: number }).sent);
    expect(sent[0]! + sent[1]!).toBe(MESSAGES);
    expect(await db.dmMessage.count({ where: { status: "sent" } })).toBe(MESSAGES);
    const deliveries = await db.auditEvent.findMany({ where: { seam: "slack.dm_delivery" } });
    expect(deliveries.map((r) => (JSON.parse(r.details) as { dedupe_key: string }).dedupe_key).sort()).toEqual([...keys].sort());
  }, 60_000);
});
