import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { probeNames } from "@/lib/probes/types";
import { simulatorScenarios } from "@/simulator/scenarios";
import { simulatorCredentials } from "@/simulator/server";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { scriptRestart } from "@/simulator/scenarios";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const simulator = withSimulator();

const secretValues = () => [...Object.values(simulatorCredentials).filter((v) => typeof v === "string" && v.length >= 8), "simsecret-"];

describe("configured credentials", () => {
  it("never reach a prompt or a Slack message, even through an investigation with a fix", async () => {
    simulator().reset();
    const env = simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "0" });
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });
    for (const scenario of ["fly-machine-fails", "vercel-errors-rise", "sentry-pileup", "secret-ages", "supabase-pressure"] as const) {
      simulator().applyScenario(scenario);
    }
    const { app, machineId } = await cycleAndFindUnhealthyMachine(db, env);
    simulator().state.anthropic.script = scriptRestart(app, machineId);
    await consumeWakes({ db, env });
    simulator().applyScenario("all-healthy");
    await runProbeCycle({ trigger: "manual", env });
    await consumeWakes({ db, env });
    await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });

    const outbound = simulator().requests().filter((r) => r.vendor === "anthropic" || r.vendor === "slack");
    expect(outbound.filter((r) => r.vendor === "anthropic").length).toBeGreaterThanOrEqual(5);
    expect(simulator().state.slack.messages.length).toBeGreaterThanOrEqual(5);
    for (const request of outbound) {
      for (const secret of secretValues()) expect(String(request.body).includes(secret), `${secret.slice(0, 6)}… in ${request.vendor} ${request.path}`).toBe(false);
    }
  });

  it("never reach the database, whatever the vendors answer", async () => {
    const env = simulatedEnv(simulator().url, { LOOKOUT_PROBE_TIMEOUT_MS: "800" });
    for (const scenario of Object.keys(simulatorScenarios)) {
      simulator().reset();
      simulator().applyScenario(scenario as keyof typeof simulatorScenarios);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }
    for (const fault of [{ kind: "status", status: 500 }, { kind: "rate_limit", retryAfterS: 5 }, { kind: "malformed" }, { kind: "hang" }] as const) {
      simulator().reset();
      for (const vendor of probeNames) simulator().setFault(vendor, fault);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }

    const path = process.env.DATABASE_URL!.slice("file:".length);
    const file = Buffer.concat([path, `${path}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(await db.auditEvent.count({ where: { seam: "probe.wake_requested" } })).toBeGreaterThan(0);
    const values = secretValues();
    expect(values.length).toBeGreaterThanOrEqual(6);
    for (const value of values) expect(file.includes(value), `credential ${value.slice(0, 6)}… found in SQLite`).toBe(false);
    expect(await db.probeSnapshot.count()).toBeGreaterThan(20);
  });
});
