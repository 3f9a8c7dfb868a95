import { z } from "zod";
import { bearer, fetchParsed, failedOutcome, trimBase } from "@/lib/probes/outcome";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Fly.io Machines API: one list call per configured app; counts started machines and names unhealthy ones.

export interface FlyConfig {
  token: string;
  apps: string[];
  apiUrl: string;
}

const minute = 60_000;
/** Fly's own rule: a transient state held this long means the machine is stuck. */
export const flyWedgedAfterMs = {
  starting: 5 * minute,
  stopping: 5 * minute,
  restarting: 5 * minute,
  destroying: 5 * minute,
  updating: 10 * minute,
} as const satisfies Record<string, number>;

const failedStates = new Set(["failed", "launch_failed"]);
/** Terminal states: the machine no longer exists as far as the app is concerned. */
const goneStates = new Set(["destroyed", "replaced", "migrated"]);

const flyMachineSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  state: z.string(),
  region: z.string().nullish(),
  updated_at: z.string().nullish(),
  host_status: z.string().nullish(),
  checks: z.array(z.object({ name: z.string().nullish(), status: z.string().nullish() })).nullish(),
});
export const flyMachinesSchema = z.array(flyMachineSchema);
export type FlyMachine = z.infer<typeof flyMachineSchema>;

export interface UnhealthyMachine {
  id: string;
  name: string | null;
  region: string | null;
  state: string;
  reasons: string[];
}

/**
 * Fly's API still mirrors service checks as synthetic `bg_deployments_compat*` checks for older flyctl
 * blue-green deploys; fly-go drops them (Machine.RemoveCompatChecks in superfly/fly-go machine_types.go),
 * and so does Lookout, or one failing check would be reported twice.
 */
export function isCompatCheck(name: string | null | undefined): boolean {
  return name?.startsWith("bg_deployments_compat") ?? false;
}

/** Why a machine is unhealthy (empty when it is fine). */
export function listMachineProblems(machine: FlyMachine, now: Date): string[] {
  const reasons: string[] = [];
  if (failedStates.has(machine.state)) reasons.push(`state ${machine.state}`);
  const wedgedAfter = flyWedgedAfterMs[machine.state as keyof typeof flyWedgedAfterMs];
  const since = machine.updated_at ? Date.parse(machine.updated_at) : NaN;
  if (wedgedAfter !== undefined && Number.isFinite(since) && now.getTime() - since > wedgedAfter) {
    reasons.push(`wedged in ${machine.state} for ${Math.floor((now.getTime() - since) / minute)} min`);
  }
  for (const check of machine.checks ?? []) {
    if (check.status === "critical" && !isCompatCheck(check.name)) reasons.push(`check ${check.name ?? "(unnamed)"} critical`);
  }
  if (machine.host_status === "unreachable") reasons.push("host unreachable");
  return reasons;
}

/** Counts one app's live machines and lists the unhealthy ones; destroyed/replaced/migrated are ignored. */
export function classifyFlyMachines(machines: FlyMachine[], now: Date) {
  const live = machines.filter((m) => !goneStates.has(m.state));
  const unhealthy: UnhealthyMachine[] = [];
  for (const m of live) {
    const reasons = listMachineProblems(m, now);
    if (reasons.length) unhealthy.push({ id: m.id, name: m.name ?? null, region: m.region ?? null, state: m.state, reasons });
  }
  return {
    machines_total: live.length,
    machines_started: live.filter((m) => m.state === "started").length,
    machines_unhealthy: unhealthy.length,
    unhealthy,
  };
}

export type FlyAppReport = { app: string; reachable: boolean; error: string | null } & ReturnType<typeof classifyFlyMachines>;

async function checkApp(config: FlyConfig, app: string, ctx: ProbeContext) {
  const result = await fetchParsed(
    {
      service: "Fly API",
      url: `${config.apiUrl}/v1/apps/${encodeURIComponent(app)}/machines`,
      headers: bearer(config.token),
      signal: ctx.signal,
    },
    flyMachinesSchema,
  );
  if (!result.ok) {
    const report: FlyAppReport = { app, reachable: false, error: result.error, ...classifyFlyMachines([], ctx.now) };
    return { report, failure: result };
  }
  return { report: { app, reachable: true, error: null, ...classifyFlyMachines(result.data, ctx.now) }, failure: null };
}

const sum = (reports: FlyAppReport[], key: "machines_total" | "machines_started" | "machines_unhealthy") =>
  reports.reduce((n, r) => n + r[key], 0);

function describeUnhealthy(reports: FlyAppReport[]): string {
  const items = reports.flatMap((r) => r.unhealthy.map((m) => `${r.app}/${m.id} (${m.reasons.join(", ")})`));
  const shown = items.slice(0, 3).join("; ");
  const more = items.length > 3 ? `; and ${items.length - 3} more` : "";
  return `${items.length} Fly machine${items.length === 1 ? "" : "s"} unhealthy: ${shown}${more}`;
}

export async function runFlyProbe(config: FlyConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const results = await Promise.all(config.apps.map((app) => checkApp(config, app, ctx)));
  const apps = results.map((r) => r.report);
  const details = {
    apps,
    apps_total: apps.length,
    apps_reachable: apps.filter((a) => a.reachable).length,
    machines_total: sum(apps, "machines_total"),
    machines_started: sum(apps, "machines_started"),
    machines_unhealthy: sum(apps, "machines_unhealthy"),
  };

  const failures = results.flatMap((r) => (r.failure ? [{ app: r.report.app, failure: r.failure }] : []));
  const first = failures[0];
  if (first && details.apps_reachable === 0) {
    // Only when every app got a 429 is the API merely busy (degraded); any other failure means nothing was observed.
    const decisive = failures.find((f) => f.failure.kind !== "rate_limited") ?? first;
    const outcome = failedOutcome(decisive.failure, details);
    if (failures.length === 1) return outcome;
    // Rate-limited everywhere, Fly did answer: the sentence says busy, not unreachable.
    const lead = decisive.failure.kind === "rate_limited" ? "Fly API rate-limited every app" : "No Fly app reachable";
    return { ...outcome, error: `${lead}: ${failures.map((f) => `${f.app}: ${f.failure.error}`).join("; ")}` };
  }

  const problems: string[] = failures.map((f) => `Fly app ${f.app} ${f.failure.kind === "rate_limited" ? "rate-limited" : "unreachable"}: ${f.failure.error}`);
  if (details.machines_unhealthy > 0) problems.push(describeUnhealthy(apps));
  if (problems.length) return { status: "degraded", details, error: problems.join("; ") };
  return { status: "healthy", details, error: null };
}

export const flyProbe: ProbeDefinition<FlyConfig> = {
  name: "fly",
  label: "Fly.io",
  requiredEnv: ["FLY_API_TOKEN", "FLY_APPS"],
  configFromEnv(env) {
    if (!env.FLY_API_TOKEN || env.FLY_APPS.length === 0) return null;
    return { token: env.FLY_API_TOKEN, apps: [...new Set(env.FLY_APPS)], apiUrl: trimBase(env.FLY_API_URL) };
  },
  run: runFlyProbe,
};
