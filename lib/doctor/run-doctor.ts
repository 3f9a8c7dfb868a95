import { checkAnthropic } from "@/lib/doctor/check-anthropic";
import { checkProbe } from "@/lib/doctor/check-probe";
import { checkSlack } from "@/lib/doctor/check-slack";
import type { DoctorCheck, DoctorReport, Verdict } from "@/lib/doctor/types";
import type { Env } from "@/lib/env";
import { probes } from "@/lib/probes/registry";

// `npm run doctor`: every vendor probe once, Slack, and Anthropic only when asked, all at once.
// Nothing here touches the database: probes get volatile memory and results are only returned.

export interface RunDoctorOptions {
  /** Make the one-token Anthropic call (it costs money). */
  ai: boolean;
}

/**
 * 1 when something configured does not work; 0 otherwise. A warning (the credentials work but the
 * vendor reports a problem, or was rate limited) and an unconfigured vendor do not fail the run.
 */
export function decideExitCode(checks: DoctorCheck[]): 0 | 1 {
  return checks.some((c) => c.verdict === "fail") ? 1 : 0;
}

export function countVerdicts(checks: DoctorCheck[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { ok: 0, warn: 0, fail: 0, unconfigured: 0, skipped: 0 };
  for (const check of checks) counts[check.verdict] += 1;
  return counts;
}

export async function runDoctor(env: Env, opts: RunDoctorOptions): Promise<DoctorReport> {
  const [probeChecks, slack, anthropic] = await Promise.all([
    Promise.all(probes.map((p) => checkProbe(p, env))),
    checkSlack(env),
    checkAnthropic(env, { call: opts.ai }),
  ]);
  const checks = [...probeChecks, slack, anthropic];
  const exitCode = decideExitCode(checks);
  return { ok: exitCode === 0, exitCode, ai: opts.ai, counts: countVerdicts(checks), checks };
}
