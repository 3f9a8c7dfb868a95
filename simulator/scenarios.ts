import { makeDeployments, makeDopplerLogs, makeSentryIssues } from "./generators";
import { defaultSecretAges, defaultState, type SimState } from "./state";

// Named transforms of the live state. They act on vendor data only (faults, latency and credentials
// stay as they are) and compose: applying two scenarios gives both conditions.

const DAY = 86_400_000;

interface Scenario {
  description: string;
  apply(state: SimState, now: number): void;
}

export const scenarios = {
  "all-healthy": {
    description: "Every vendor healthy: the default data, regenerated relative to now.",
    apply(state, now) {
      const fresh = defaultState(now);
      Object.assign(state, { supabase: fresh.supabase, fly: fresh.fly, vercel: fresh.vercel, sentry: fresh.sentry, doppler: fresh.doppler });
    },
  },
  "fly-machine-fails": {
    description: "The first lookout-runtime machine is failed with a critical health check.",
    apply(state, now) {
      const machine = state.fly.apps.find((a) => a.name === "lookout-runtime")?.machines[0];
      if (!machine) return;
      const at = new Date(now).toISOString();
      machine.state = "failed";
      machine.updated_at = at;
      machine.checks = machine.checks.map((c) => ({ ...c, status: "critical", output: "dial tcp [fdaa::2]:8080: connect: connection refused", updated_at: at }));
      machine.events = [{ type: "exit", status: "failed", source: "flyd", timestamp: now }, ...machine.events];
    },
  },
  "fly-app-down": {
    description: "Every Fly app answers 503: no app is reachable.",
    apply(state) {
      for (const app of state.fly.apps) app.outage = true;
    },
  },
  "vercel-errors-rise": {
    description: "30% of the last day's 30 deployments end in ERROR (BUILD_UTILS_SPAWN_1).",
    apply(state, now) {
      const { projectId, projectName } = state.vercel;
      const older = state.vercel.deployments.filter((d) => d.created < now - DAY);
      state.vercel.deployments = [...makeDeployments({ projectId, projectName, count: 30, errorRate: 0.3, now, seed: 11 }), ...older];
    },
  },
  "sentry-pileup": {
    description: "40 unresolved issues: two pages at limit 25, one full page at limit 100.",
    apply(state, now) {
      const { org, projects } = state.sentry;
      const settled = state.sentry.issues.filter((i) => i.status !== "unresolved");
      state.sentry.issues = [...makeSentryIssues({ org, projects, count: 40, now, startId: 100 }), ...settled];
    },
  },
  "sentry-flaps": {
    description: "Unresolved issues swing between 40 and the usual 3 on every list walk: each probe sees the other count.",
    apply(state, now) {
      const { org, projects } = state.sentry;
      const settled = state.sentry.issues.filter((i) => i.status !== "unresolved");
      // The pile-up is served first; issues that regress and auto-resolve look like this to a poller.
      state.sentry.flapWith = [...makeSentryIssues({ org, projects, count: 40, now, startId: 100 }), ...settled];
    },
  },
  "secret-ages": {
    description: "DATABASE_URL last changed 240 days ago (threshold 180).",
    apply(state, now) {
      const { project, config } = state.doppler;
      state.doppler.logs = makeDopplerLogs({ ages: { ...defaultSecretAges, DATABASE_URL: 240 }, now, project, config });
    },
  },
  "doppler-long-history": {
    description: "40 more config-log entries (retired flags) among the secret changes: dating them takes a few cycles.",
    apply(state, now) {
      const { project, config } = state.doppler;
      const retired = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`RETIRED_FLAG_${i + 1}`, 0.5 + i * 0.7]));
      // Seeded by the time, so applying it again brings entries Lookout has not read before.
      const noise = makeDopplerLogs({ ages: retired, now, project, config, seed: now }).filter((l) => !l.text.startsWith("Created"));
      state.doppler.logs = [...state.doppler.logs, ...noise].sort((a, b) => b.created_at.localeCompare(a.created_at));
    },
  },
  "supabase-pressure": {
    description: "92 of 100 database connections in use.",
    apply(state) {
      state.supabase.connections = { active: 92, max: 100 };
    },
  },
  "supabase-down": {
    description: "PostgREST answers 503, GoTrue is down, and the Management API reports rest/auth/db unhealthy.",
    apply(state) {
      state.supabase.restUp = false;
      state.supabase.authUp = false;
      state.supabase.services = { ...state.supabase.services, rest: "UNHEALTHY", auth: "UNHEALTHY", db: "UNHEALTHY" };
    },
  },
} as const satisfies Record<string, Scenario>;

/** The same table under the name the tests and demo enumerate. */
export const simulatorScenarios = scenarios;

export type ScenarioName = keyof typeof scenarios;
export const scenarioNames = Object.keys(scenarios) as ScenarioName[];

export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === "string" && Object.hasOwn(scenarios, name);
}

export function applyScenario(state: SimState, name: ScenarioName, now: number = Date.now()): void {
  scenarios[name].apply(state, now);
}

/** The vendors whose data a scenario changes, and that restoreVendor can put back. */
export const vendorSlices = ["supabase", "fly", "vercel", "sentry", "doppler"] as const;
export type VendorSlice = (typeof vendorSlices)[number];

/**
 * One vendor back to its healthy default data, the others untouched: one condition of a story can end
 * while the rest go on. Fly keeps its record of the restarts it received.
 */
export function restoreVendor(state: SimState, vendor: VendorSlice, now: number = Date.now()): void {
  const fresh = defaultState(now);
  if (vendor === "fly") state.fly = { ...fresh.fly, restarts: state.fly.restarts };
  else Object.assign(state, { [vendor]: fresh[vendor] });
}

// Anthropic reply scripts live beside the scenarios so a test sets up vendor state and the model's answers from one import.
export { scriptFindings, scriptRestart, scriptText } from "./anthropic-script";
