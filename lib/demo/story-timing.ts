import { parseEnv, type Env } from "@/lib/env";
import { wakeThreshold } from "@/lib/wake/wake-threshold";
import { recoveryThreshold } from "@/lib/incidents/probe-stability";
import { demoStory, flappingFailures, storyFailures, storyVendors, vendorLabels, type DemoAct, type StoryFailure, type StoryVendor } from "./story";

// The settings the story needs to play as announced. An incident is investigated and DMed once however
// long it lasts, so the debounce (per probe and category) only has to be shorter than the time between two
// wakes of one vendor, or a later failure would be folded into the earlier investigation. The restart
// cooldown must be shorter than that time too, or only the first Fly failure of a cooldown would be restarted.
// Each recovery must last the vendor's recovery threshold in probe cycles, and a flap enough cycles to count
// as one (LOOKOUT_FLAP_CHANGES).

export interface StoryShape {
  /** Acts per round. */
  acts: number;
  /** The shortest a failure lasts, in acts: the fewest the probe sees of it. */
  shortestSteps: Record<StoryVendor, number>;
  /** The least time between two wakes of one vendor, in acts; a failure inside a window wakes as the window ends. */
  gapSteps: number;
  /** The shortest a vendor stays healthy after an act recovers it, before it fails again, in acts. */
  healthySteps: Record<StoryVendor, number>;
  /** The shortest flap of the story, in acts, with its vendor; null when nothing flaps. */
  flap: { vendor: StoryVendor; steps: number } | null;
}

export interface StoryTiming {
  stepMs: number;
  roundMs: number;
  debounceSeconds: number;
  cooldownMinutes: number;
  /** LOOKOUT_FLAP_CHANGES and LOOKOUT_FLAP_WINDOW for the demo. */
  flapChanges: number;
  flapWindow: number;
}

/**
 * Four status changes in ten cycles: the fewest that a failure, its recovery and one relapse (three changes,
 * as Doppler's two failures a round give) do not reach, so only the flap is marked, within a minute at 15 s
 * cycles instead of the default six in twenty.
 */
export const DEMO_FLAP = { changes: 4, window: 10 } as const;

/** Acts from `at` until the first act (after it) that `ends`, or the whole round when none does. */
function stepsUntil(story: readonly DemoAct[], at: number, ends: (act: DemoAct) => boolean): number {
  let steps = 1;
  while (steps < story.length && !ends(story[(at + steps) % story.length]!)) steps++;
  return steps;
}

/** Where each failure of `vendor` begins, how many acts it lasts until an act recovers it, and the act it wakes in. */
function spansOf(story: readonly DemoAct[], vendor: StoryVendor) {
  const n = story.length;
  // Windows on the vendor, as the acts they cover: from the act opening one up to (not including) the act ending it.
  const windows = story.flatMap((act, at) => {
    const m = act.maintenance;
    if (!m || !("open" in m) || m.open !== vendor) return [];
    return [{ at, steps: stepsUntil(story, at, (a) => a.maintenance !== undefined && "end" in a.maintenance && a.maintenance.end === vendor) }];
  });
  const spans: { at: number; steps: number; wakesAt: number; failure: StoryFailure }[] = [];
  story.forEach((act, at) => {
    for (const failure of act.begin) {
      if (storyFailures[failure] !== vendor) continue;
      const steps = stepsUntil(story, at, (a) => a.recover.includes(vendor));
      const window = windows.find((w) => (at - w.at + n) % n < w.steps);
      spans.push({ at, steps, wakesAt: window ? (window.at + window.steps) % n : at, failure });
    }
  });
  return spans;
}

export function measureStory(story: readonly DemoAct[] = demoStory): StoryShape {
  const n = story.length;
  let gapSteps = n;
  let flap: StoryShape["flap"] = null;
  const shortestSteps = {} as Record<StoryVendor, number>;
  const healthySteps = {} as Record<StoryVendor, number>;
  for (const vendor of storyVendors) {
    const spans = spansOf(story, vendor);
    shortestSteps[vendor] = Math.min(n, ...spans.map((s) => s.steps));
    healthySteps[vendor] = n;
    for (const [i, span] of spans.entries()) {
      const next = spans[(i + 1) % spans.length]!;
      gapSteps = Math.min(gapSteps, (next.wakesAt - span.wakesAt + n) % n || n);
      // Healthy from the act that recovers this failure until the next one begins; none if it begins first.
      if (span.steps < n) healthySteps[vendor] = Math.min(healthySteps[vendor], Math.max(0, ((next.at - span.at + n) % n || n) - span.steps));
      if (flappingFailures.includes(span.failure) && (!flap || span.steps < flap.steps)) flap = { vendor, steps: span.steps };
    }
  }
  return { acts: n, shortestSteps, gapSteps, healthySteps, flap };
}

/** A debounce and a restart cooldown of half the least time between two wakes of one vendor. */
export function planStoryTiming(stepMs: number, story: readonly DemoAct[] = demoStory): StoryTiming {
  const shape = measureStory(story);
  return {
    stepMs,
    roundMs: shape.acts * stepMs,
    debounceSeconds: Math.round((shape.gapSteps * stepMs) / 2 / 1000),
    cooldownMinutes: Math.floor((shape.gapSteps * stepMs) / 2 / 60_000),
    flapChanges: DEMO_FLAP.changes,
    flapWindow: DEMO_FLAP.window,
  };
}

export interface StorySettings {
  stepMs: number;
  /** Time between two probe cycles; null when the scheduler is off. */
  cycleMs: number | null;
  debounceSeconds: number;
  cooldownMinutes: number;
  thresholds: Record<StoryVendor, number>;
  recoveryThresholds: Record<StoryVendor, number>;
  /** LOOKOUT_FLAP_CHANGES. */
  flapChanges: number;
}

export function formatDuration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6_000) / 10} min`;
}

const plural = (n: number) => `${n} probe cycle${n === 1 ? "" : "s"}`;

/** Why the story would not play as announced with these settings; empty when it will. */
export function checkStorySettings(settings: StorySettings, story: readonly DemoAct[] = demoStory): string[] {
  const shape = measureStory(story);
  const { stepMs, cycleMs, debounceSeconds, cooldownMinutes } = settings;
  const gapMs = shape.gapSteps * stepMs;
  if (cycleMs === null) return ["LOOKOUT_PROBE_INTERVAL is off: no probe runs unless you press Run now, so the story's incidents do not open by themselves."];
  const problems: string[] = [];
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
  const cyclesIn = (steps: number) => Math.floor((steps * stepMs) / cycleMs);
  for (const vendor of storyVendors) {
    const seen = cyclesIn(shape.shortestSteps[vendor]);
    if (seen < settings.thresholds[vendor]) {
      problems.push(
        `A ${vendorLabels[vendor]} failure lasts ${formatDuration(shape.shortestSteps[vendor] * stepMs)}, time for ${plural(seen)} of ${formatDuration(cycleMs)}, ` +
          `fewer than its wake threshold (${settings.thresholds[vendor]}): its incident may never open.`,
      );
    }
    const healthy = cyclesIn(shape.healthySteps[vendor]);
    if (healthy < settings.recoveryThresholds[vendor]) {
      problems.push(
        `A ${vendorLabels[vendor]} recovery lasts ${formatDuration(shape.healthySteps[vendor] * stepMs)} before it fails again, time for ${plural(healthy)} of ${formatDuration(cycleMs)}, ` +
          `fewer than its recovery threshold (${settings.recoveryThresholds[vendor]}): its incident stays open into the next failure, which gets no investigation of its own.`,
      );
    }
  }
  if (shape.flap) {
    // The first flip is healthy to failing, so a flap of n cycles shows n status changes.
    const flips = cyclesIn(shape.flap.steps);
    if (flips < settings.flapChanges) {
      problems.push(
        `${vendorLabels[shape.flap.vendor]} flaps for ${formatDuration(shape.flap.steps * stepMs)}, time for ${plural(flips)} of ${formatDuration(cycleMs)}, ` +
          `fewer than LOOKOUT_FLAP_CHANGES (${settings.flapChanges}): Lookout may never mark its incident flapping.`,
      );
    }
  }
  return problems;
}

/** "2 healthy probe cycles in a row", or each story vendor's count when they differ. */
function describeRecovery(env: Env): string {
  const counts = storyVendors.map((v) => recoveryThreshold(env, v));
  if (counts.every((c) => c === counts[0])) return `${counts[0]} healthy probe cycles in a row`;
  return `so many healthy probe cycles in a row: ${storyVendors.map((v, i) => `${vendorLabels[v]} ${counts[i]}`).join(", ")}`;
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
  const flapWhose = env.LOOKOUT_FLAP_CHANGES === timing.flapChanges && env.LOOKOUT_FLAP_WINDOW === timing.flapWindow ? "set by the demo" : "yours";
  lines.push(
    `[demo] debounce ${env.LOOKOUT_DEBOUNCE_SECONDS} s (${whose(env.LOOKOUT_DEBOUNCE_SECONDS, timing.debounceSeconds)}) and restart cooldown ` +
      `${env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES} min (${whose(env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES, timing.cooldownMinutes)}); Lookout's defaults are ` +
      `${defaults.LOOKOUT_DEBOUNCE_SECONDS} s and ${defaults.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES} min. The demo's values let each incident be investigated ` +
      "and DMed once, and give every Fly failure its own investigation and, with the Fly envelope on (Settings), its own restart",
    `[demo] flapping: ${env.LOOKOUT_FLAP_CHANGES} status changes within ${env.LOOKOUT_FLAP_WINDOW} probe cycles (LOOKOUT_FLAP_CHANGES and LOOKOUT_FLAP_WINDOW, ${flapWhose}); ` +
      `Lookout's defaults are ${defaults.LOOKOUT_FLAP_CHANGES} within ${defaults.LOOKOUT_FLAP_WINDOW}. The demo's values mark the flapping vendor within a minute. ` +
      `An incident resolves after ${describeRecovery(env)} (LOOKOUT_RECOVERY_THRESHOLD_<PROBE>)`,
  );
  const problems = checkStorySettings(
    {
      stepMs: timing.stepMs,
      cycleMs: env.LOOKOUT_PROBE_INTERVAL,
      debounceSeconds: env.LOOKOUT_DEBOUNCE_SECONDS,
      cooldownMinutes: env.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES,
      thresholds: Object.fromEntries(storyVendors.map((v) => [v, wakeThreshold(env, v)])) as Record<StoryVendor, number>,
      recoveryThresholds: Object.fromEntries(storyVendors.map((v) => [v, recoveryThreshold(env, v)])) as Record<StoryVendor, number>,
      flapChanges: env.LOOKOUT_FLAP_CHANGES,
    },
    story,
  );
  return [...lines, ...problems.map((p) => `[demo] warning: ${p}`)];
}
