import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AutofixAttemptDetails, AutofixResult } from "@/lib/autofix/types";
import { db } from "@/lib/db";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { simulatorEnv } from "@/simulator/server";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";
import { goTogether, startLookoutProcess, stopAll, type LookoutProcess } from "../helpers/lookout-process";
import { withSimulator } from "../helpers/with-simulator";

// The Fly envelope's once-per-incident rule holds across instances: executors in several processes asking
// to restart the same machine at the same moment restart it once.

const simulator = withSimulator();
const EXECUTORS = 4;
let executors: LookoutProcess[] = [];

const setEnvelope = (enabled: boolean) => toggleEnvelope({ probe: "fly", enabled }, { actor: "operator", db });
beforeAll(() => setEnvelope(true));
afterAll(() => setEnvelope(false));
afterEach(() => stopAll(executors));

describe("restarting an unhealthy Fly machine from several processes at once", () => {
  it(`lets exactly one of ${EXECUTORS} executors restart it; the others are refused by the once-per-incident rule`, async () => {
    simulator().reset();
    simulator().applyScenario("fly-machine-fails");
    const { app, machineId, sessionId } = await cycleAndFindUnhealthyMachine(db, simulatedEnv(simulator().url));
    const wake = await db.wake.findFirstOrThrow({ where: { sessionId } });
    const ctx = { sessionId, wakeId: wake.id, snapshotId: wake.snapshotId, requestedBy: "lookout:investigator" };

    const env = { ...simulatorEnv(simulator().url), LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0" };
    executors = Array.from({ length: EXECUTORS }, () => startLookoutProcess("restart-process.ts", [JSON.stringify({ request: { app, machine_id: machineId }, ctx })], env));
    await goTogether(executors);
    await Promise.all(executors.map((e) => e.exited));

    const results = executors.map((e) => JSON.parse(e.lines.at(-1)!) as AutofixResult);
    expect(results.filter((r) => r.outcome === "succeeded")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "refused" && r.rule === "one_restart_per_incident")).toHaveLength(EXECUTORS - 1);
    expect(simulator().state.fly.restarts.map((r) => ({ app: r.app, machineId: r.machineId }))).toEqual([{ app, machineId }]);

    const attempts = await db.auditEvent.findMany({ where: { seam: "tool.probe_autofix_attempted", sessionId }, orderBy: { id: "asc" } });
    const outcomes = attempts.map((r) => (JSON.parse(r.details) as AutofixAttemptDetails).outcome);
    expect(outcomes.filter((o) => o === "allowed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "succeeded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(EXECUTORS - 1);
  }, 60_000);
});
