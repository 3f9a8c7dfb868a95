import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { probeNames } from "@/lib/probes/types";
import { simulatorScenarios } from "@/simulator/scenarios";
import { simulatorCredentials, startSimulator, type Simulator } from "@/simulator/server";
import { simulatedEnv } from "../helpers/lookout-env";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
  await db.$disconnect();
});

describe("configured credentials", () => {
  it("never reach the database, whatever the vendors answer", async () => {
    const env = simulatedEnv(sim.url, { LOOKOUT_PROBE_TIMEOUT_MS: "800" });
    for (const scenario of Object.keys(simulatorScenarios)) {
      sim.reset();
      sim.applyScenario(scenario as keyof typeof simulatorScenarios);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }
    for (const fault of [{ kind: "status", status: 500 }, { kind: "rate_limit", retryAfterS: 5 }, { kind: "malformed" }, { kind: "hang" }] as const) {
      sim.reset();
      for (const vendor of probeNames) sim.setFault(vendor, fault);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }
    await db.$disconnect();

    const file = fs.readFileSync(process.env.DATABASE_URL!.slice("file:".length));
    const values = Object.values(simulatorCredentials).filter((v) => typeof v === "string" && v.length >= 8);
    expect(values.length).toBeGreaterThanOrEqual(6);
    for (const value of values) expect(file.includes(value), `credential ${value.slice(0, 6)}… found in SQLite`).toBe(false);
    expect(await db.probeSnapshot.count()).toBeGreaterThan(20);
  });
});
