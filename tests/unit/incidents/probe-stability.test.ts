import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { countHealthyStreak, countStatusChanges, judgeStability } from "@/lib/incidents/probe-stability";

const H = "healthy";
const U = "unhealthy";
const D = "degraded";

describe("countStatusChanges", () => {
  it("counts changes between neighbours within the newest `window` statuses", () => {
    expect(countStatusChanges([U, H, U, H], 20)).toBe(3);
    expect(countStatusChanges([U, U, D, D, H], 20)).toBe(2);
    expect(countStatusChanges([U, H, U, H, U, H], 3)).toBe(2);
    expect(countStatusChanges([], 20)).toBe(0);
  });
});

describe("countHealthyStreak", () => {
  it("counts healthy statuses at the head only", () => {
    expect(countHealthyStreak([H, H, U, H])).toBe(2);
    expect(countHealthyStreak([U, H])).toBe(0);
    expect(countHealthyStreak([H, H])).toBe(2);
  });
});

describe("judgeStability", () => {
  const env = parseEnv({});

  it("is flapping at 6 changes in the last 20 cycles, and not at 5", () => {
    expect(judgeStability(env, "fly", [U, H, U, H, U, H, U]).flapping).toBe(true);
    expect(judgeStability(env, "fly", [U, H, U, H, U, H]).flapping).toBe(false);
  });

  it("is stable when the last recovery-threshold statuses agree", () => {
    expect(judgeStability(env, "fly", [H, H, U, H, U])).toMatchObject({ stable: true, healthy: 2, recoveryThreshold: 2 });
    expect(judgeStability(env, "fly", [U, U, H])).toMatchObject({ stable: true, healthy: 0 });
    expect(judgeStability(env, "fly", [H, U, H])).toMatchObject({ stable: false, healthy: 1 });
    expect(judgeStability(parseEnv({ LOOKOUT_RECOVERY_THRESHOLD_FLY: "3" }), "fly", [H, H, U]).stable).toBe(false);
  });
});
