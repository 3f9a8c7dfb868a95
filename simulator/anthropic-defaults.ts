import type { ScriptedFindings } from "./anthropic-script";

// What the simulated model answers an investigation nobody scripted: a plausible, honest analysis of
// the issue the request names, never a word on what was done (that is Lookout's to say).

interface ProbeAdvice {
  cause: string;
  steps: string[];
}

const adviceByProbe: Record<string, ProbeAdvice> = {
  fly: {
    cause: "A machine stopped answering its health check: a crash, an out-of-memory kill or a bad release are the usual causes.",
    steps: ["Read the failing machine's logs around the time its check turned critical.", "Restart it from the Fly dashboard if it stays failed and the envelope is off.", "If it fails again, look at the app's latest release."],
  },
  vercel: {
    cause: "Recent builds fail, most likely from a change in the code or the build settings rather than a platform fault.",
    steps: ["Open the failed deployments' build logs in Vercel.", "Compare them with the last deployment that reached READY.", "Fix the build, or roll back the production alias yourself if users are affected."],
  },
  sentry: {
    cause: "New errors arrive faster than they are triaged; a recent release may have introduced some of them.",
    steps: ["Sort the unresolved issues by event count and start with the top ones.", "Check whether they began with one release.", "Resolve or ignore the noise so real regressions stand out."],
  },
  doppler: {
    cause: "A secret has gone unchanged for longer than the rotation threshold, or the token cannot reach Doppler.",
    steps: ["Check which secret is oldest and who owns it.", "Plan its rotation with that owner, then redeploy the services that read it.", "Confirm the service token still has access."],
  },
  supabase: {
    cause: "The database is under connection pressure or one of its services is unreachable.",
    steps: ["Check the database health and active connections in the Supabase dashboard.", "Look for a connection leak or a traffic spike in the app.", "Route short-lived connections through the pooler."],
  },
};

const generic: ProbeAdvice = {
  cause: "The figures given do not point to one cause yet.",
  steps: ["Open the incident's timeline and the vendor's dashboard.", "Keep watching the probe; act if the issue persists."],
};

/** The `<issue>` JSON Lookout's first message carries, when it parses. */
function readIssue(firstMessage: string): { title?: unknown; detail?: unknown } {
  const match = /<issue>(\{.*?\})<\/issue>/s.exec(firstMessage);
  if (!match?.[1]) return {};
  try {
    const parsed = JSON.parse(match[1]) as unknown;
    return parsed !== null && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

/** Honest findings for the probe the request names, citing the issue it was given. */
export function defaultFindings(probe: string | null, firstMessage: string): ScriptedFindings {
  const advice = (probe ? adviceByProbe[probe] : undefined) ?? generic;
  const { title, detail } = readIssue(firstMessage);
  const issue = [title, detail].filter((v): v is string => typeof v === "string" && v.trim() !== "").join(": ");
  return {
    what_is_wrong: issue ? `${issue}.`.replace(/\.\.$/, ".") : "The probe reported an issue; the context given shows no more than that.",
    likely_cause: advice.cause,
    next_steps: advice.steps,
    confidence: probe && adviceByProbe[probe] ? "medium" : "low",
  };
}
