import { describe, expect, it, vi } from "vitest";

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
const { consumeWakes } = await import("@/lib/wake/consume-wakes");
const { db } = await import("@/lib/db");
const { simulatedEnv } = await import("../helpers/lookout-env");
const { withSimulator } = await import("../helpers/with-simulator");

const simulator = withSimulator();

describe("a routine cycle", () => {
  it("never constructs an Anthropic or Slack client, healthy or not", async () => {
    const env = simulatedEnv(simulator().url);
    expect((await runProbeCycle({ trigger: "scheduler", env })).ok).toBe(true);
    // The consumer runs after every cycle; with nothing to investigate it must not wake any client either.
    expect(await consumeWakes({ db, env })).toMatchObject({ investigated: 0, debounced: 0 });
    simulator().applyScenario("fly-machine-fails");
    simulator().applyScenario("vercel-errors-rise");
    simulator().applyScenario("sentry-pileup");
    const result = await runProbeCycle({ trigger: "scheduler", env });
    expect(result.ok && result.cycle.snapshots.some((s) => s.status === "degraded")).toBe(true);
    expect(constructed).toEqual({ anthropic: 0, slack: 0 });
    expect(simulator().requests().filter((r) => /anthropic|slack/.test(r.path))).toHaveLength(0);
  });
});
