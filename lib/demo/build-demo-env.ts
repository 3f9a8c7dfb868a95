import { randomBytes } from "node:crypto";

type Vars = Record<string, string | undefined>;

export interface DemoEnv<Source extends Vars> {
  /** What Lookout is started with: the source's variables with the demo's on top. */
  env: Source;
  /** Exported variables the demo overrode, by name only: their values may be real credentials. */
  replaced: string[];
  password: string;
  /** The password is the operator's own (never printed), not one the demo made up (printed). */
  passwordFromEnv: boolean;
}

/** The debounce, restart cooldown and flapping detection the story needs (see story-timing.ts). */
export interface DemoTimingDefaults {
  debounceSeconds: number;
  cooldownMinutes: number;
  flapChanges: number;
  flapWindow: number;
}

/**
 * The environment `npm run demo` starts Lookout with: the simulator in place of every vendor (and of Claude
 * unless a real ANTHROPIC_API_KEY is exported), its own database, quick cycles, the story's debounce,
 * restart cooldown and flapping detection, and demo mode on. Settings a newcomer may tune (interval,
 * debounce, cooldown, flapping, cron secret, password) are kept when exported.
 */
export function buildDemoEnv<Source extends Vars>(source: Source, simulator: Record<string, string>, timing: DemoTimingDefaults): DemoEnv<Source> {
  const realClaude = Boolean(source.ANTHROPIC_API_KEY);
  const { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ...vendors } = simulator;
  const forced: Vars = {
    ...vendors,
    ...(realClaude ? {} : { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL }),
    DATABASE_URL: source.LOOKOUT_DEMO_DATABASE_URL || "file:./data/demo.db",
    LOOKOUT_DASHBOARD_REFRESH_MS: "5000",
    LOOKOUT_DEMO: "1",
  };
  const replaced = Object.keys(forced).filter((name) => source[name] && source[name] !== forced[name]);
  const passwordFromEnv = Boolean(source.LOOKOUT_OPERATOR_PASSWORD);
  // A demo runs on the operator's own machine: a fresh password each run, printed in the terminal.
  const password = source.LOOKOUT_OPERATOR_PASSWORD || `demo-${randomBytes(9).toString("base64url")}`;
  const env: Source = {
    ...source,
    ...forced,
    LOOKOUT_DEBOUNCE_SECONDS: source.LOOKOUT_DEBOUNCE_SECONDS || String(timing.debounceSeconds),
    LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: source.LOOKOUT_AUTOFIX_COOLDOWN_MINUTES || String(timing.cooldownMinutes),
    // Both or neither: the pair is validated together (changes < window), so half of it is never mixed in.
    ...(source.LOOKOUT_FLAP_CHANGES || source.LOOKOUT_FLAP_WINDOW ? {} : { LOOKOUT_FLAP_CHANGES: String(timing.flapChanges), LOOKOUT_FLAP_WINDOW: String(timing.flapWindow) }),
    LOOKOUT_PROBE_INTERVAL: source.LOOKOUT_PROBE_INTERVAL || "15s",
    // Under the 15 s interval, so every scheduled demo cycle runs; a burst of Run now clicks is still one cycle.
    LOOKOUT_MIN_CYCLE_SPACING_SECONDS: source.LOOKOUT_MIN_CYCLE_SPACING_SECONDS || "5",
    CRON_SECRET: source.CRON_SECRET || randomBytes(16).toString("hex"),
    LOOKOUT_OPERATOR_PASSWORD: password,
  };
  return { env, replaced, password, passwordFromEnv };
}
