import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { simulatorEnv } from "@/simulator/server";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { goTogether, startLookoutProcess, stopAll, type LookoutProcess } from "../helpers/lookout-process";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Three instances make their consumer pass at the same moment, when a reminder is due: the operator gets it once.

const simulator = withSimulator();
let passes: LookoutProcess[] = [];

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
});
afterEach(() => stopAll(passes));

describe("a reminder due while three instances run", () => {
  it("is queued and posted exactly once", async () => {
    const env = simulatedEnv(simulator().url);
    simulator().applyScenario("fly-machine-fails");
    await runProbeCycle({ trigger: "manual", env, db });
    await consumeWakes({ db, env });
    const incident = await db.incident.findFirstOrThrow();
    expect(simulator().state.slack.messages).toHaveLength(1);
    // A little latency per Slack call, so the three passes are at work at the same time.
    simulator().setLatency("slack", 50);

    const due = new Date(incident.openedAt.getTime() + 61 * 60_000).toISOString();
    passes = [0, 1, 2].map(() => startLookoutProcess("reminder-process.ts", [due], { ...simulatorEnv(simulator().url), LOOKOUT_REMINDER_MINUTES: "60" }));
    await goTogether(passes);
    await Promise.all(passes.map((p) => p.exited));

    const queued = passes.map((p) => (JSON.parse(p.lines.at(-1)!) as { remindersQueued: number }).remindersQueued);
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    expect(simulator().state.slack.messages.filter((m) => m.text.startsWith("Still open"))).toHaveLength(1);
    expect(await db.dmMessage.findMany({ where: { kind: "reminder" }, select: { status: true } })).toEqual([{ status: "sent" }]);
    expect(await db.incident.findFirstOrThrow()).toMatchObject({ reminderCount: 1 });
  }, 60_000);
});
