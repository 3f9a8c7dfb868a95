import { describe, expect, it } from "vitest";
import type { DemoAct } from "@/lib/demo/story";
import { checkStorySettings, describeStoryTiming, measureStory, planStoryTiming } from "@/lib/demo/story-timing";

const thresholds = { fly: 1, vercel: 1, sentry: 1, doppler: 1 };
const demoDefaults = { stepMs: 45_000, cycleMs: 15_000, thresholds };

describe("the demo story's timing", () => {
  it("measures the story: the Fly failure lasts three acts when nothing restarts it, and each vendor fails once a round", () => {
    expect(measureStory()).toEqual({ acts: 6, longestSteps: 3, shortestSteps: { fly: 3, vercel: 2, sentry: 1, doppler: 1 }, gapSteps: 6 });
  });

  it("plans a debounce between the longest incident and the next failure, and a cooldown shorter than a round", () => {
    expect(planStoryTiming(45_000)).toEqual({ stepMs: 45_000, roundMs: 270_000, debounceSeconds: 203, cooldownMinutes: 2 });
    const planned = planStoryTiming(45_000);
    expect(checkStorySettings({ ...demoDefaults, ...planned })).toEqual([]);
  });

  it("says which settings would break the story, and how", () => {
    const problems = (overrides: Partial<Parameters<typeof checkStorySettings>[0]>) =>
      checkStorySettings({ ...demoDefaults, debounceSeconds: 203, cooldownMinutes: 2, ...overrides }).join("\n");
    // Lookout's defaults: every later Fly failure folded into the first investigation, and refused a restart.
    expect(problems({ debounceSeconds: 600 })).toMatch(/LOOKOUT_DEBOUNCE_SECONDS=600 is not shorter .* no investigation, DM or restart of its own/);
    expect(problems({ cooldownMinutes: 30 })).toMatch(/LOOKOUT_AUTOFIX_COOLDOWN_MINUTES=30 .* a later failure is refused a restart/);
    expect(problems({ debounceSeconds: 120 })).toMatch(/LOOKOUT_DEBOUNCE_SECONDS=120 is not longer than the story's longest incident \(2.3 min\)/);
    expect(problems({ debounceSeconds: 0 })).toMatch(/investigated and DMed again/);
    expect(problems({ cycleMs: 60_000 })).toMatch(/A Sentry failure lasts 45 s, time for 0 probe cycles of 60 s, fewer than its wake threshold \(1\)/);
    expect(problems({ thresholds: { ...thresholds, vercel: 7 } })).toMatch(/A Vercel failure lasts 90 s, time for 6 probe cycles of 15 s, fewer than its wake threshold \(7\)/);
    expect(problems({ cycleMs: null })).toMatch(/LOOKOUT_PROBE_INTERVAL is off/);
  });

  it("notices a story whose failures come back too soon for any debounce", () => {
    const story: DemoAct[] = [
      { recover: ["fly"], begin: [], say: "healthy" },
      { recover: [], begin: ["fly-machine-fails"], say: "fails" },
      { recover: [], begin: ["fly-machine-fails"], say: "fails again" },
    ];
    expect(measureStory(story)).toMatchObject({ longestSteps: 2, gapSteps: 1 });
    const timing = planStoryTiming(45_000, story);
    expect(checkStorySettings({ ...demoDefaults, ...timing }, story)).not.toEqual([]);
  });

  it("tells the terminal the rhythm and the settings it chose, and warns about an exported value that breaks the story", () => {
    const timing = planStoryTiming(45_000);
    const planned = { LOOKOUT_DEBOUNCE_SECONDS: "203", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "2", LOOKOUT_PROBE_INTERVAL: "15s" };
    const lines = describeStoryTiming(timing, planned);
    expect(lines[0]).toBe("[demo] the story: 6 acts of 45 s each (LOOKOUT_DEMO_STEP_MS), then again from the top, a round every 4.5 min");
    expect(lines[1]).toMatch(/^\[demo\] debounce 203 s \(set by the demo\) and restart cooldown 2 min \(set by the demo\); Lookout's defaults are 600 s and 30 min\./);
    expect(lines).toHaveLength(2);
    const yours = describeStoryTiming(timing, { ...planned, LOOKOUT_DEBOUNCE_SECONDS: "600" });
    expect(yours[1]).toContain("debounce 600 s (yours)");
    expect(yours.slice(2)).toEqual([expect.stringMatching(/^\[demo\] warning: LOOKOUT_DEBOUNCE_SECONDS=600 is not shorter/)]);
  });
});
