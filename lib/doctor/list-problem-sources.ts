import type { Env } from "@/lib/env";
import type { FailureKind } from "@/lib/doctor/types";
import type { ProbeName, ProbeSnapshot } from "@/lib/probes/types";

// Where a probe's snapshot carries sentences about failed calls. Most probes have one (`error`); some
// keep optional sources' failures in details, because those never change the probe's status.

export interface ProblemSource {
  text: string;
  /** The Fly app this sentence is about. */
  app?: string;
  /** A required call decides the probe's status; an optional one only adds figures. */
  required: boolean;
  /** Kinds that mean the operator's configuration is wrong here, so the check fails whatever the status. */
  failOn: readonly FailureKind[];
}

/** Answers that mean a credential, a name or an address in the configuration is wrong. */
export const configurationKinds: readonly FailureKind[] = ["unauthorized", "forbidden", "not_found", "rejected", "redirect"];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

function requiredSource(snapshot: ProbeSnapshot): ProblemSource[] {
  const error = text(snapshot.error);
  return error ? [{ text: error, required: true, failOn: configurationKinds }] : [];
}

/** Each app's own error, so a sentence can name the app that is wrong rather than the whole list. */
function flySources(snapshot: ProbeSnapshot): ProblemSource[] {
  const apps = Array.isArray(snapshot.details.apps) ? snapshot.details.apps.filter(isRecord) : [];
  const failed = apps.flatMap((a) => {
    const error = text(a.error);
    return error && typeof a.app === "string" ? [{ text: error, app: a.app, required: true, failOn: configurationKinds }] : [];
  });
  return failed.length > 0 ? failed : requiredSource(snapshot);
}

function optionalSources(snapshot: ProbeSnapshot, keys: string[], failOn: readonly FailureKind[]): ProblemSource[] {
  return keys.flatMap((key) => {
    const note = text(snapshot.details[key]);
    return note ? [{ text: note, required: false, failOn }] : [];
  });
}

const sourcesByProbe: Record<ProbeName, (snapshot: ProbeSnapshot, env: Env) => ProblemSource[]> = {
  // A Management API token or service role key is set only for what it reads, so its refusal is a failure.
  supabase: (s) => [...requiredSource(s), ...optionalSources(s, ["management_error", "metrics_error"], configurationKinds)],
  fly: flySources,
  vercel: requiredSource,
  sentry: requiredSource,
  // Secret ages are read "when readable": a token that may not read logs is a warning, unless the
  // operator named a project or config that does not exist.
  doppler: (s, env) => [
    ...requiredSource(s),
    ...optionalSources(s, ["age_note"], env.DOPPLER_PROJECT || env.DOPPLER_CONFIG ? ["not_found", "rejected"] : []),
  ],
};

/** The sentences in this snapshot that may name failed calls, with how much each one counts. */
export function listProblemSources(snapshot: ProbeSnapshot, env: Env): ProblemSource[] {
  return sourcesByProbe[snapshot.probe](snapshot, env);
}
