import { describe, expect, it } from "vitest";
import { buildDemoEnv } from "@/lib/demo/build-demo-env";
import { simulatorEnv } from "@/simulator/server";

const simulator = simulatorEnv("http://127.0.0.1:4010");
const timing = { debounceSeconds: 203, cooldownMinutes: 2, flapChanges: 4, flapWindow: 10 };

describe("buildDemoEnv", () => {
  it("points every vendor at the simulator and names the exported variables it replaced", () => {
    const { env, replaced } = buildDemoEnv(
      { FLY_API_TOKEN: "fo1_real", SENTRY_AUTH_TOKEN: "sntrys_real", SLACK_API_URL: "", DATABASE_URL: "file:./data/lookout.db", PATH: "/usr/bin" },
      simulator,
      timing,
    );
    expect(env).toMatchObject({ FLY_API_TOKEN: simulator.FLY_API_TOKEN, SENTRY_AUTH_TOKEN: simulator.SENTRY_AUTH_TOKEN, DATABASE_URL: "file:./data/demo.db", LOOKOUT_DEMO: "1", PATH: "/usr/bin" });
    // An empty export was not a value the operator chose, and PATH is not the demo's business.
    expect(replaced.sort()).toEqual(["DATABASE_URL", "FLY_API_TOKEN", "SENTRY_AUTH_TOKEN"]);
  });

  it("keeps a real Claude key and its base URL, and then does not count them as replaced", () => {
    const { env, replaced } = buildDemoEnv({ ANTHROPIC_API_KEY: "sk-ant-real", ANTHROPIC_BASE_URL: "https://proxy.example" }, simulator, timing);
    expect(env).toMatchObject({ ANTHROPIC_API_KEY: "sk-ant-real", ANTHROPIC_BASE_URL: "https://proxy.example" });
    expect(replaced).toEqual([]);
    expect(buildDemoEnv({ ANTHROPIC_BASE_URL: "https://proxy.example" }, simulator, timing).replaced).toEqual(["ANTHROPIC_BASE_URL"]);
  });

  it("makes up a password each run unless the operator exported one", () => {
    const made = buildDemoEnv({}, simulator, timing);
    expect(made.password).toMatch(/^demo-[\w-]{12}$/);
    expect(made).toMatchObject({ passwordFromEnv: false, env: { LOOKOUT_OPERATOR_PASSWORD: made.password } });
    expect(buildDemoEnv({}, simulator, timing).password).not.toBe(made.password);
    expect(buildDemoEnv({ LOOKOUT_OPERATOR_PASSWORD: "my-own-password-1" }, simulator, timing)).toMatchObject({ password: "my-own-password-1", passwordFromEnv: true });
  });

  it("keeps the settings a newcomer may tune, and defaults them for a lively demo with the story's debounce and cooldown", () => {
    expect(buildDemoEnv({}, simulator, timing).env).toMatchObject({ LOOKOUT_PROBE_INTERVAL: "15s", LOOKOUT_DEBOUNCE_SECONDS: "203", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "2" });
    const tuned = buildDemoEnv(
      { LOOKOUT_PROBE_INTERVAL: "5s", LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30", LOOKOUT_DEMO_DATABASE_URL: "file:./data/mine.db", CRON_SECRET: "s3cret" },
      simulator,
      timing,
    );
    expect(tuned.env).toMatchObject({ LOOKOUT_PROBE_INTERVAL: "5s", LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "30", DATABASE_URL: "file:./data/mine.db", CRON_SECRET: "s3cret" });
    expect(tuned.replaced).toEqual([]);
  });

  it("sets the story's flapping detection, and keeps an exported one whole: the pair is validated together", () => {
    expect(buildDemoEnv({}, simulator, timing).env).toMatchObject({ LOOKOUT_FLAP_CHANGES: "4", LOOKOUT_FLAP_WINDOW: "10" });
    const exported = (vars: Record<string, string | undefined>) => buildDemoEnv(vars, simulator, timing).env;
    const window = exported({ LOOKOUT_FLAP_WINDOW: "40" });
    expect(window).toMatchObject({ LOOKOUT_FLAP_WINDOW: "40" });
    expect(window.LOOKOUT_FLAP_CHANGES).toBeUndefined();
    expect(exported({ LOOKOUT_FLAP_CHANGES: "8" }).LOOKOUT_FLAP_WINDOW).toBeUndefined();
  });
});
