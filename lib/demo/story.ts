import type { ScenarioName } from "@/simulator/scenarios";

// The story `npm run demo` tells, as data: the demo plays it on a timer and an integration test plays
// it compressed, so what the terminal announces is what the test proves happens.

/** The simulator scenarios the story uses, each with the one vendor whose failure it begins. */
export const storyFailures = {
  "fly-machine-fails": "fly",
  "vercel-errors-rise": "vercel",
  "sentry-pileup": "sentry",
  "sentry-flaps": "sentry",
  "secret-ages": "doppler",
} as const satisfies Partial<Record<ScenarioName, string>>;

export type StoryFailure = keyof typeof storyFailures;
export type StoryVendor = (typeof storyFailures)[StoryFailure];

export const storyVendors = ["fly", "vercel", "sentry", "doppler"] as const satisfies readonly StoryVendor[];

export const vendorLabels: Record<StoryVendor, string> = { fly: "Fly", vercel: "Vercel", sentry: "Sentry", doppler: "Doppler" };

/** Failures whose vendor's status changes on every probe cycle rather than staying failed. */
export const flappingFailures: readonly StoryFailure[] = ["sentry-flaps"];

export interface DemoAct {
  /** Vendors put back to healthy as the act starts (a vendor that is not failing is left alone). */
  recover: readonly StoryVendor[];
  /** Failures that begin as the act starts; each lasts until an act recovers its vendor, or Lookout fixes it. */
  begin: readonly StoryFailure[];
  /**
   * A maintenance window the demo opens on a vendor as the act starts (before its failures begin), or
   * ends; an opened window lasts until an act ends it.
   */
  maintenance?: { open: StoryVendor } | { end: StoryVendor };
  /** What the terminal announces, after the vendors that recovered. */
  say: string;
}

/**
 * One round of the story; the demo holds each act for LOOKOUT_DEMO_STEP_MS and then starts over. A
 * failure begins once per round: a Fly machine Lookout restarted stays restarted until the next round
 * breaks it again, so every Fly failure is a new incident with its own wake and investigation. The
 * flapping and maintenance acts each last more than one act: Lookout needs a few probe cycles to see a
 * flap (LOOKOUT_FLAP_CHANGES), and a window should be seen holding before it ends.
 */
export const demoStory: readonly DemoAct[] = [
  { recover: storyVendors, begin: [], say: "all five vendors healthy" },
  { recover: [], begin: ["fly-machine-fails"], say: "a Fly machine in lookout-runtime fails" },
  { recover: [], begin: ["vercel-errors-rise"], say: "Vercel deployments start failing" },
  { recover: [], begin: ["sentry-pileup"], say: "Sentry issues pile up" },
  { recover: ["fly", "vercel", "sentry"], begin: ["secret-ages"], say: "a Doppler secret is now over 200 days old" },
  { recover: ["doppler"], begin: [], say: "all five vendors healthy again" },
  { recover: [], begin: ["secret-ages"], maintenance: { open: "doppler" }, say: "Doppler's secret is over 200 days old again, during maintenance" },
  { recover: [], begin: [], say: "Doppler is still in its maintenance window, its secret still old" },
  { recover: [], begin: [], maintenance: { end: "doppler" }, say: "the Doppler secret is still old" },
  { recover: ["doppler"], begin: ["sentry-flaps"], say: "Sentry starts flapping: its unresolved issues swing above and below the threshold on every probe" },
  { recover: [], begin: [], say: "Sentry still flaps" },
  { recover: ["sentry"], begin: [], say: "all five vendors healthy again" },
];

/** What Lookout does about a failure, as the terminal says it when the failure begins outside a window. */
export const storyExpectations: Record<StoryFailure, string> = {
  "fly-machine-fails": "Lookout investigates and DMs you; it restarts the machine only if the Fly envelope is on (Settings)",
  "vercel-errors-rise": "Lookout investigates and DMs you; Vercel has no fix envelope, so it changes nothing",
  "sentry-pileup": "Lookout investigates and DMs you; Sentry has no fix envelope, so it changes nothing",
  "sentry-flaps":
    "Lookout opens one incident, investigates and DMs you once, and after a few flips marks it flapping (LOOKOUT_FLAP_CHANGES, see the incident's timeline): " +
    "no DM per flap, and it resolves only once Sentry stays healthy for its recovery threshold",
  "secret-ages": "Lookout investigates and DMs you; Doppler has no fix envelope, so it rotates nothing",
};

/** What the terminal says as a window opens on a vendor, and as it ends. */
export const maintenanceExpectations = {
  open: (vendor: StoryVendor, minutes: number) =>
    `The demo opened a ${minutes}-minute ${vendorLabels[vendor]} maintenance window (Settings → Maintenance; the dashboard's ${vendorLabels[vendor]} card shows it silenced): ` +
    "Lookout records the incident, and nothing wakes: no investigation, no DM",
  end: (vendor: StoryVendor) =>
    `The demo ended the ${vendorLabels[vendor]} maintenance window (Settings → Maintenance lists it as ended by demo): ` +
    "the incident recorded during it is still open, so Lookout now investigates and DMs you",
};
