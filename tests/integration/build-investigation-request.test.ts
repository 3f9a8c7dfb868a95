import { beforeEach, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { buildInvestigationRequest } from "@/lib/wake/build-investigation-request";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// What the investigator is told about a wake, read from the rows a real cycle wrote.

const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "0" });

beforeEach(async () => {
  simulator().reset();
  await clearIncidentRows(db);
  await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });
});

async function flyWake() {
  simulator().applyScenario("fly-machine-fails");
  const result = await runProbeCycle({ trigger: "manual", env: env(), db });
  if (!result.ok) throw new Error(result.message);
  return db.wake.findFirstOrThrow({ where: { probe: "fly" } });
}

describe("buildInvestigationRequest", () => {
  it("carries the wake, its incident, the snapshot that raised it and the envelope as it is now", async () => {
    const wake = await flyWake();
    const incident = await db.incident.findUniqueOrThrow({ where: { id: wake.incidentId } });
    const snapshot = await db.probeSnapshot.findUniqueOrThrow({ where: { id: wake.snapshotId } });
    const fly = getEnvelope("fly");
    // Switched on after the wake was written: the request says on.
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });
    expect(await buildInvestigationRequest(db, env(), wake)).toEqual({
      wakeId: wake.id,
      sessionId: wake.sessionId,
      probe: "fly",
      category: wake.category,
      severity: "warning",
      title: incident.title,
      detail: incident.detail,
      snapshot: { id: snapshot.id, status: "degraded", details: JSON.parse(snapshot.details), error: snapshot.error, observedAt: snapshot.observedAt.toISOString() },
      envelope: { enabled: true, fix: fly.fix, does: fly.does, outOfEnvelope: fly.outOfEnvelope },
    });
    expect(incident.title.length).toBeGreaterThan(0);
    expect(snapshot.error).toMatch(/unhealthy/);
  });

  it("reads the envelope under the configuration it is given: the kill switch there wins", async () => {
    const wake = await flyWake();
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });
    const killed = simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_AUTOFIX_KILL_SWITCH: "on" });
    expect((await buildInvestigationRequest(db, killed, wake)).envelope.enabled).toBe(false);
    expect((await buildInvestigationRequest(db, env(), wake)).envelope.enabled).toBe(true);
  });

  it("says critical only for a critical wake, and warning for anything else", async () => {
    const wake = await flyWake();
    expect((await buildInvestigationRequest(db, env(), { ...wake, severity: "critical" })).severity).toBe("critical");
    expect((await buildInvestigationRequest(db, env(), { ...wake, severity: "warning" })).severity).toBe("warning");
    expect((await buildInvestigationRequest(db, env(), { ...wake, severity: "odd" })).severity).toBe("warning");
    expect((await buildInvestigationRequest(db, env(), wake)).envelope.enabled).toBe(false);
  });

  it("says so when the wake's snapshot is no longer stored", async () => {
    const wake = await flyWake();
    const request = await buildInvestigationRequest(db, env(), { ...wake, snapshotId: "gone" });
    expect(request.snapshot).toEqual({ id: "gone", status: "unknown", details: null, error: "the snapshot of this wake is no longer stored", observedAt: wake.createdAt.toISOString() });
  });
});
