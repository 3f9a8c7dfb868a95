import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The vendor SDKs (not our modules) are replaced by recorders: any construction during a cycle is counted.
const constructed = vi.hoisted(() => ({ anthropic: 0, slack: 0 }));
vi.mock("@anthropic-ai/sdk", () => ({
  default: class {
    constructor() {
      constructed.anthropic++;
    }
  },
}));
vi.mock("@slack/web-api", () => ({
  WebClient: class {
    constructor() {
      constructed.slack++;
    }
  },
}));

const { runProbeCycle } = await import("@/lib/cycle/run-probe-cycle");
const { db } = await import("@/lib/db");
const { startSimulator } = await import("@/simulator/server");
const { simulatedEnv } = await import("../helpers/lookout-env");

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
  await db.$disconnect();
});

describe("a routine cycle", () => {
  it("never constructs an Anthropic or Slack client, healthy or not", async () => {
    const env = simulatedEnv(sim.url);
    expect((await runProbeCycle({ trigger: "scheduler", env })).ok).toBe(true);
    sim.applyScenario("fly-machine-fails");
    sim.applyScenario("vercel-errors-rise");
    sim.applyScenario("sentry-pileup");
    const result = await runProbeCycle({ trigger: "scheduler", env });
    expect(result.ok && result.cycle.snapshots.some((s) => s.status === "degraded")).toBe(true);
    expect(constructed).toEqual({ anthropic: 0, slack: 0 });
    expect(sim.requests().filter((r) => /anthropic|slack/.test(r.path))).toHaveLength(0);
  });
});
