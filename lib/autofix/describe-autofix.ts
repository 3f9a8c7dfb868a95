import type { AutofixResult, AutofixRule } from "./types";

// One line for the operator's DM about what the executor did; the audit rows hold the full story.

export const refusalPhrases: Record<AutofixRule | "invalid_request", (r: { app: string | null; machineId: string | null }) => string> = {
  envelope_enabled: () => "the Fly envelope is off",
  machine_reported_unhealthy: (r) => `${r.machineId ?? "that machine"} in ${r.app ?? "that app"} is not a machine this incident reported unhealthy`,
  one_restart_per_incident: () => "another restart already ran in this incident",
  app_cooldown: (r) => `${r.app ?? "the app"} is cooling down after a recent restart`,
  invalid_request: () => "the request was malformed",
};

function describeOne(result: AutofixResult): string {
  switch (result.outcome) {
    case "succeeded":
      return `Restarted machine ${result.machineId} in ${result.app}`;
    case "failed":
      // The executor's failure message already names the machine, the app and the vendor's answer.
      return result.message.replace(/\.$/, "");
    case "refused":
      return `Restart refused: ${refusalPhrases[result.rule](result)}`;
  }
}

/** The DM line for every attempt of one investigation (repeats collapsed), or null when none was made. */
export function describeAutofix(results: AutofixResult[]): string | null {
  const lines = [...new Set(results.map(describeOne))];
  return lines.length ? lines.join("; ") : null;
}
