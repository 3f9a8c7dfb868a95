import { parseEnv, type Env } from "@/lib/env";
import { wakeThreshold } from "@/lib/wake/wake-threshold";
import { demoStory, storyFailures, storyVendors, vendorLabels, type DemoAct, type StoryVendor } from "./story";

// The settings the story needs to play as announced. The debounce is per (probe, category): it must
// outlast every incident of the story (one investigation and one DM each) and be shorter than the time
// between two failures of one vendor (each failure its own investigation). The restart cooldown must be
// shorter than that time too, or only the first Fly failure of a cooldown would be restarted.

export interface StoryShape {
  /** Acts per round. */
  acts: number;
  /** The longest a failure of the story lasts, in acts. */
  longestSteps: number;
  /** The shortest a failure lasts, in acts: the fewest the probe sees of it. */
  shortestSteps: Record<StoryVendor, number>;
  /** The least time between two failures of one vendor, in acts. */
  gapSteps: number;
}

export interface StoryTiming {
  stepMs: number;
  roundMs: number;
  debounceSeconds: number;
  cooldownMinutes: number;
}

/** Where a failure of `vendor` begins and how many acts it lasts until an act recovers it. */
function spansOf(story: readonly DemoAct[], vendor: StoryVendor): { at: number; steps: number }[] {
  const n = story.length;
  const spans: { at: number; steps: number }[] = [];
  story.forEach((act, at) => {
    if (!act.begin.some((f) => storyFailures[f] === vendor)) return;
    let steps = 1;
    while (steps < n && !story[(at + steps) % n]!.recover.includes(vendor)) steps++;
    spans.push({ at, steps });
  });
  return spans;
}

export function measureStory(story: readonly DemoAct[] = demoStory): StoryShape {
  const n = story.length;
  let longestSteps = 0;
  let gapSteps = n;
  const shortestSteps = {} as Record<StoryVendor, number>;
  for (const vendor of storyVendors) {
    const spans = spansOf(story, vendor);
    shortestSteps[vendor] = Math.min(n, ...spans.map((s) => s.steps));
    for (const [i, span] of spans.entries()) {
      longestSteps = Math.max(longestSteps, span.steps);
      const next = spans[(i + 1) % spans.length]!;
      gapSteps = Math.min(gapSteps, (next.at - span.at + n) % n || n);
    }
  }
  return { acts: n, longestSteps, shortestSteps, gapSteps };
}

/** The debounce half-way between the longest incident and the next failure; a cooldown of half a gap. */
export function planStoryTiming(stepMs: number, story: readonly DemoAct[] = demoStory): StoryTiming {
  const shape = measureStory(story);
  return {
    stepMs,
    roundMs: shape.acts * stepMs,
    debounceSeconds: Math.round((((shape.longestSteps + shape.gapSteps) / 2) * stepMs) / 1000),
    cooldownMinutes: Math.floor((shape.gapSteps * stepMs) / 2 / 60_000),
  };
}

export interface StorySettings {
  stepMs: number;
  /** Time between two probe cycles; null when the scheduler is off. */
  cycleMs: number | null;
  debounceSeconds: number;
  cooldownMinutes: number;
  thresholds: Record<StoryVendor, number>;
}

export function formatDuration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6_000) / 10} min`;
}

/** Why the story would not play as announced with these settings; empty when it will. */
export function checkStorySettings(settings: StorySettings, story: readonly DemoAct[] = demoStory): string[] {
  const shape = measureStory(story);
  const { stepMs, cycleMs, debounceSeconds, cooldownMinutes } = settings;
  const longestMs = shape.longestSteps * stepMs;
  const gapMs = shape.gapSteps * stepMs;
  if (cycleMs === null) return ["LOOKOUT_PROBE_INTERVAL is off: no probe runs unless you press Run now, so the story's incidents do not open by themselves."];
  const problems: string[] = [];
  if (debounceSeconds * 1000 <= longestMs) {
    problems.push(
      `LOOKOUT_DEBOUNCE_SECONDS=${debounceSeconds} is not longer than the story's longest incident (${formatDuration(longestMs)}): an incident still open after it is investigated and DMed again.`,
    );
  }
  if (debounceSeconds * 1000 >= gapMs - cycleMs) {
    problems.push(
      `LOOKOUT_DEBOUNCE_SECONDS=${debounceSeconds} is not shorter than the time between two failures of one vendor (${formatDuration(gapMs)}, less a probe cycle): a later failure may be folded into the earlier investigation, with no investigation, DM or restart of its own.`,
    );
  }
  if (cooldownMinutes * 60_000 >= gapMs - cycleMs) {
    problems.push(
      `LOOKOUT_AUTOFIX_COOLDOWN_MINUTES=${cooldownMinutes} is not shorter than the time between two Fly failures (${formatDuration(gapMs)}): with the envelope on, a later failure is refused a restart.`,
    );
  }
  for (const vendor of storyVendors) {
    const seen = Math.floor((shape.shortestSteps[vendor] * stepMs) / cycleMs);
    if (seen < settings.thresholds[vendor]) {
      problems.push(
        `A ${vendorLabels[vendor]} failure lasts ${formatDuration(shape.shortestSteps[vendor] * stepMs)}, time for ${seen} probe cycle${seen === 1 ? "" : "s"} of ${formatDuration(cycleMs)}, ` +
          `fewer than its wake threshold (${settings.thresholds[vendor]}): its incident may never open.`,
      );
    }
  }
  return problems;
}

/**
 * What the demo's terminal says about the timing: the story's rhythm, the debounce and cooldown it set
 * (or kept, when exported) and why, and a warning for each way the settings would break the story.
 */
export function describeStoryTiming(timing: StoryTiming, source: Record<string, string | undefined>, story: readonly DemoAct[] = demoStory): string[] {
  const lines = [
    `[demo] the story: ${story.length} acts of ${formatDuration(timing.stepMs)} each (LOOKOUT_DEMO_STEP_MS), then again from the top, a round every ${formatDuration(timing.roundMs)}`,
  ];
  let env: Env;
  try {
    env = parseEnv(source);
  } catch {
    return lines; // Lookout itself lists what is wrong as it starts.
  }
  const defaults = parseEnv({});
  const whose = (value: number, planned: number) => (value === planned ? "set by the demo" : "yours");
  lines.push(
    `[demo] debounce ${env.LOOKOUT_DEBOUNCE_SECONDS} s (${whose(env.LOOKOUT_DEBOUNCE_SECONDS, timing.debounceSeconds)}) and restart cooldown ` +
      `${env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES} min (${whose(env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES, timing.cooldownMinutes)}); Lookout's defaults are ` +
      `${defaults.LOOKOUT_DEBOUNCE_SECONDS} s and ${defaults.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES} min. The demo's values let each incident be investigated ` +
      "and DMed once, and give every Fly failure its own investigation and, with the Fly envelope on (Settings), its own restart",
  );
  const problems = checkStorySettings(
    {
      stepMs: timing.stepMs,
      cycleMs: env.LOOKOUT_PROBE_INTERVAL,
      debounceSeconds: env.LOOKOUT_DEBOUNCE_SECONDS,
      cooldownMinutes: env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES,
      thresholds: Object.fromEntries(storyVendors.map((v) => [v, wakeThreshold(env, v)])) as Record<StoryVendor, number>,
    },
    story,
  );
  return [...lines, ...problems.map((p) => `[demo] warning: ${p}`)];
}
