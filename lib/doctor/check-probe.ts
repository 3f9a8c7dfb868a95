import { getKeyFigures } from "@/lib/dashboard/get-key-figures";
import { describeEndpoint, listUnset } from "@/lib/doctor/describe-endpoint";
import { explainFailure, readSubjects } from "@/lib/doctor/explain-failure";
import { listProblemSources, type ProblemSource } from "@/lib/doctor/list-problem-sources";
import { readFailures, type Failure } from "@/lib/doctor/read-failures";
import { mainSurface, surfaces } from "@/lib/doctor/surfaces";
import { createCheck, type DoctorCheck, type Fix, type Verdict } from "@/lib/doctor/types";
import type { Env } from "@/lib/env";
import { createVolatileMemory } from "@/lib/probes/memory";
import { runProbe, type AnyProbeDefinition } from "@/lib/probes/run-probe";
import type { ProbeSnapshot, ProbeStatus } from "@/lib/probes/types";

// One probe, run once exactly as a cycle would run it, but with memory that is forgotten afterwards,
// so nothing is written. Its snapshot is then judged for the operator: does the configuration work?

function judgeFailure(failure: Failure, source: ProblemSource, status: ProbeStatus): Fix["level"] {
  if (source.failOn.includes(failure.kind)) return "fail";
  if (failure.kind === "rate_limited") return "warn";
  // A timeout or outage on the call that decides the status means nothing could be verified.
  return source.required && status === "unhealthy" ? "fail" : "warn";
}

function decideVerdict(status: ProbeStatus, fixes: Fix[]): Verdict {
  if (status === "unhealthy" || fixes.some((f) => f.level === "fail")) return "fail";
  if (status === "degraded" || fixes.length > 0) return "warn";
  return "ok";
}

/** Judges a snapshot: its verdict, the vendor's own sentences, and one fix-it sentence per failure. */
export function judgeSnapshot(snapshot: ProbeSnapshot, env: Env): Pick<DoctorCheck, "verdict" | "reachable" | "problems" | "fixes" | "notes"> {
  const subjects = readSubjects(env);
  const problems: string[] = snapshot.error ? [snapshot.error] : [];
  const notes: string[] = [];
  const fixes: Fix[] = [];
  let answered = false;
  for (const source of listProblemSources(snapshot, env)) {
    const failures = readFailures(source.text, snapshot.probe);
    if (!source.required) (failures.length > 0 ? problems : notes).push(source.text);
    for (const failure of failures) {
      answered ||= failure.status !== null;
      const sentence = explainFailure(failure, { ...subjects, app: source.app ?? null });
      if (fixes.some((f) => f.sentence === sentence)) continue;
      fixes.push({ level: judgeFailure(failure, source, snapshot.status), kind: failure.kind, status: failure.status, sentence });
    }
  }
  const verdict = decideVerdict(snapshot.status, fixes);
  if (snapshot.status === "degraded" && fixes.length === 0) {
    notes.push("The credentials work: this is what the vendor reports right now, not a configuration problem.");
  }
  return { verdict, reachable: snapshot.status !== "unhealthy" || answered, problems, fixes, notes };
}

/** Runs one probe against its vendor (or the simulator its base URL points at) and judges the result. */
export async function checkProbe(definition: AnyProbeDefinition, env: Env): Promise<DoctorCheck> {
  const endpoint = describeEndpoint(env[surfaces[mainSurface[definition.name]].baseUrl] as string);
  const missing = listUnset(env, definition.requiredEnv);
  const snapshot = await runProbe(definition, env, { timeoutMs: env.LOOKOUT_PROBE_TIMEOUT_MS, pageCap: env.LOOKOUT_PAGE_CAP, memory: createVolatileMemory() });
  if (snapshot.status === "unconfigured") {
    return createCheck(definition.name, definition.label, { verdict: "unconfigured", configured: false, missing, endpoint, status: "unconfigured" });
  }
  return createCheck(definition.name, definition.label, {
    endpoint,
    latencyMs: snapshot.latencyMs,
    status: snapshot.status,
    figures: getKeyFigures(definition.name, snapshot.details),
    ...judgeSnapshot(snapshot, env),
  });
}
