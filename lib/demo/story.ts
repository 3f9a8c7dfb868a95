import type { ScenarioName } from "@/simulator/scenarios";

// The story `npm run demo` tells, as data: the demo plays it on a timer and an integration test plays
// it compressed, so what the terminal announces is what the test proves happens.

/** The simulator scenarios the story uses, each with the one vendor whose failure it begins. */
export const storyFailures = {
  "fly-machine-fails": "fly",
  "vercel-errors-rise": "vercel",
  "sentry-pileup": "sentry",
  "secret-ages": "doppler",
} as const satisfies Partial<Record<ScenarioName, string>>;

export type StoryFailure = keyof typeof storyFailures;
export type StoryVendor = (typeof storyFailures)[StoryFailure];

export const storyVendors = ["fly", "vercel", "sentry", "doppler"] as const satisfies readonly StoryVendor[];

export const vendorLabels: Record<StoryVendor, string> = { fly: "Fly", vercel: "Vercel", sentry: "Sentry", doppler: "Doppler" };

export interface DemoAct {
  /** Vendors put back to healthy as the act starts (a vendor that is not failing is left alone). */
  recover: readonly StoryVendor[];
  /** Failures that begin as the act starts; each lasts until an act recovers its vendor, or Lookout fixes it. */
  begin: readonly StoryFailure[];
  /** What the terminal announces, after the vendors that recovered. */
  say: string;
}

/**
 * One round of the story; the demo holds each act for LOOKOUT_DEMO_STEP_MS and then starts over. A
 * failure begins once per round: a Fly machine Lookout restarted stays restarted until the next round
 * breaks it again, so every Fly failure is a new incident with its own wake and investigation.
 */
export const demoStory: readonly DemoAct[] = [
  { recover: storyVendors, begin: [], say: "all five vendors healthy" },
  { recover: [], begin: ["fly-machine-fails"], say: "a Fly machine in lookout-runtime fails" },
  { recover: [], begin: ["vercel-errors-rise"], say: "Vercel deployments start failing" },
  { recover: [], begin: ["sentry-pileup"], say: "Sentry issues pile up" },
  { recover: ["fly", "vercel", "sentry"], begin: ["secret-ages"], say: "a Doppler secret is now over 200 days old" },
  { recover: ["doppler"], begin: [], say: "all five vendors healthy again" },
];

/** What Lookout does about a failure, as the terminal says it when the failure begins. */
export const storyExpectations: Record<StoryVendor, string> = {
  fly: "Lookout investigates and DMs you; it restarts the machine only if the Fly envelope is on (Settings)",
  vercel: "Lookout investigates and DMs you; Vercel has no fix envelope, so it changes nothing",
  sentry: "Lookout investigates and DMs you; Sentry has no fix envelope, so it changes nothing",
  doppler: "Lookout investigates and DMs you; Doppler has no fix envelope, so it rotates nothing",
};
