import { describe, expect, it } from "vitest";
import type { DemoAct } from "@/lib/demo/story";
import { checkStorySettings, DEMO_FLAP, describeStoryTiming, measureStory, planStoryTiming } from "@/lib/demo/story-timing";

const thresholds = { fly: 1, vercel: 1, sentry: 1, doppler: 1 };
const recoveryThresholds = { fly: 2, vercel: 2, sentry: 2, doppler: 2 };
const demoDefaults = { stepMs: 45_000, cycleMs: 15_000, thresholds, recoveryThresholds, flapChanges: DEMO_FLAP.changes };

describe("the demo story's timing", () => {
  it("measures the story: how long each failure, recovery and flap lasts, and the least time between two wakes of one vendor", () => {
    expect(measureStory()).toEqual({
      acts: 12,
      shortestSteps: { fly: 3, vercel: 2, sentry: 1, doppler: 1 },
      // Doppler wakes in act 5 and, its second failure being inside a window, as the window ends in act 9.
      gapSteps: 4,
      healthySteps: { fly: 9, vercel: 10, sentry: 4, doppler: 1 },
      flap: { vendor: "sentry", steps: 2 },
    });
  });

  it("plans a debounce and a cooldown of half the least time between two wakes of one vendor, and its own flapping detection", () => {
    expect(planStoryTiming(45_000)).toEqual({ stepMs: 45_000, roundMs: 540_000, debounceSeconds: 90, cooldownMinutes: 1, flapChanges: 4, flapWindow: 10 });
    const planned = planStoryTiming(45_000);
    expect(checkStorySettings({ ...demoDefaults, ...planned })).toEqual([]);
  });

  it("says which settings would break the story, and how", () => {
    const problems = (overrides: Partial<Parameters<typeof checkStorySettings>[0]>) =>
      checkStorySettings({ ...demoDefaults, debounceSeconds: 90, cooldownMinutes: 1, ...overrides }).join("\n");
    // Lookout's defaults: Doppler's failure after its window folded into the first investigation, and later Fly failures refused a restart.
    expect(problems({ debounceSeconds: 600 })).toMatch(/LOOKOUT_DEBOUNCE_SECONDS=600 is not shorter than the time between two failures of one vendor \(3 min, .* no investigation, DM or restart of its own/);
    expect(problems({ cooldownMinutes: 30 })).toMatch(/LOOKOUT_AUTOFIX_COOLDOWN_MINUTES=30 .* a later failure is refused a restart/);
    expect(problems({ cycleMs: 60_000 })).toMatch(/A Sentry failure lasts 45 s, time for 0 probe cycles of 60 s, fewer than its wake threshold \(1\)/);
    expect(problems({ thresholds: { ...thresholds, vercel: 7 } })).toMatch(/A Vercel failure lasts 90 s, time for 6 probe cycles of 15 s, fewer than its wake threshold \(7\)/);
    expect(problems({ recoveryThresholds: { ...recoveryThresholds, doppler: 4 } })).toMatch(
      /A Doppler recovery lasts 45 s before it fails again, time for 3 probe cycles of 15 s, fewer than its recovery threshold \(4\): its incident stays open into the next failure/,
    );
    expect(problems({ recoveryThresholds: { ...recoveryThresholds, doppler: 3 } })).toBe("");
    expect(problems({ flapChanges: 7 })).toMatch(/Sentry flaps for 90 s, time for 6 probe cycles of 15 s, fewer than LOOKOUT_FLAP_CHANGES \(7\): Lookout may never mark its incident flapping/);
    expect(problems({ flapChanges: 6 })).toBe("");
    expect(problems({ cycleMs: null })).toMatch(/LOOKOUT_PROBE_INTERVAL is off/);
  });

  it("notices a story whose failures come back too soon for any debounce", () => {
    const story: DemoAct[] = [
      { recover: ["fly"], begin: [], say: "healthy" },
      { recover: [], begin: ["fly-machine-fails"], say: "fails" },
      { recover: [], begin: ["fly-machine-fails"], say: "fails again" },
    ];
    expect(measureStory(story)).toMatchObject({ gapSteps: 1 });
    const timing = planStoryTiming(45_000, story);
    expect(checkStorySettings({ ...demoDefaults, ...timing }, story)).not.toEqual([]);
  });

  it("counts a failure inside a maintenance window from the act that ends the window", () => {
    const story: DemoAct[] = [
      { recover: ["doppler"], begin: [], say: "healthy" },
      { recover: [], begin: ["secret-ages"], maintenance: { open: "doppler" }, say: "old, in a window" },
      { recover: [], begin: [], say: "window" },
      { recover: [], begin: [], maintenance: { end: "doppler" }, say: "window ends" },
      { recover: ["doppler"], begin: ["secret-ages"], say: "recovers and fails again at once" },
      { recover: [], begin: [], say: "still old" },
      { recover: [], begin: [], say: "still old" },
    ];
    // Wakes as the window ends (act 4) and in act 5: one act apart; without the window, acts 2 and 5.
    expect(measureStory(story)).toMatchObject({ gapSteps: 1, shortestSteps: { doppler: 3 }, healthySteps: { doppler: 0 } });
    expect(measureStory(story.map((act) => ({ ...act, maintenance: undefined })))).toMatchObject({ gapSteps: 3 });
    expect(checkStorySettings({ ...demoDefaults, ...planStoryTiming(45_000, story) }, story).join("\n")).toMatch(/A Doppler recovery lasts 0 s before it fails again/);
  });

  it("tells the terminal the rhythm and the settings it chose, and warns about an exported value that breaks the story", () => {
    const timing = planStoryTiming(45_000);
    const planned = { LOOKOUT_DEBOUNCE_SECONDS: "90", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "1", LOOKOUT_PROBE_INTERVAL: "15s", LOOKOUT_FLAP_CHANGES: "4", LOOKOUT_FLAP_WINDOW: "10" };
    const lines = describeStoryTiming(timing, planned);
    expect(lines[0]).toBe("[demo] the story: 12 acts of 45 s each (LOOKOUT_DEMO_STEP_MS), then again from the top, a round every 9 min");
    expect(lines[1]).toMatch(/^\[demo\] debounce 90 s \(set by the demo\) and restart cooldown 1 min \(set by the demo\); Lookout's defaults are 600 s and 30 min\./);
    expect(lines[2]).toBe(
      "[demo] flapping: 4 status changes within 10 probe cycles (LOOKOUT_FLAP_CHANGES and LOOKOUT_FLAP_WINDOW, set by the demo); Lookout's defaults are 6 within 20. " +
        "The demo's values mark the flapping vendor within a minute. An incident resolves after 2 healthy probe cycles in a row (LOOKOUT_RECOVERY_THRESHOLD_<PROBE>)",
    );
    expect(lines).toHaveLength(3);
    const yours = describeStoryTiming(timing, { ...planned, LOOKOUT_DEBOUNCE_SECONDS: "600" });
    expect(yours[1]).toContain("debounce 600 s (yours)");
    expect(yours.slice(3)).toEqual([expect.stringMatching(/^\[demo\] warning: LOOKOUT_DEBOUNCE_SECONDS=600 is not shorter/)]);
    const flaps = describeStoryTiming(timing, { ...planned, LOOKOUT_FLAP_CHANGES: "8", LOOKOUT_FLAP_WINDOW: "20", LOOKOUT_RECOVERY_THRESHOLD_DOPPLER: "3" });
    expect(flaps[2]).toMatch(/^\[demo\] flapping: 8 status changes within 20 probe cycles \(LOOKOUT_FLAP_CHANGES and LOOKOUT_FLAP_WINDOW, yours\);.* Fly 2, Vercel 2, Sentry 2, Doppler 3 /);
    expect(flaps.slice(3)).toEqual([expect.stringMatching(/^\[demo\] warning: Sentry flaps for 90 s, time for 6 probe cycles of 15 s, fewer than LOOKOUT_FLAP_CHANGES \(8\)/)]);
  });
});
