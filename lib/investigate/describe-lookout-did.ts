import { refusalPhrases } from "@/lib/autofix/describe-autofix";
import type { AutofixRecord } from "@/lib/autofix/types";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import { getProbe } from "@/lib/probes/registry";
import type { ProbeName } from "@/lib/probes/types";

// The "Lookout did" part of an investigation, written by Lookout from its own rows: the restart
// attempts with their outcomes, the envelope and why no fix was attempted, the debounce. Pure; never
// a word of the model's.

export interface LookoutDidInput {
  probe: ProbeName;
  engine: "claude" | "fallback";
  /** The envelope as this run was given it (read at investigation time). */
  envelopeEnabled: boolean;
  killSwitch: boolean;
  /** This wake's restart attempts, as recorded. */
  attempts: AutofixRecord[];
  /** Restarts that succeeded earlier in the same incident, for other wakes. */
  earlierRestarts: AutofixRecord[];
  stoppedBy: "max_turns" | "budget" | null;
  turns: number;
  /** Wakes of this incident folded into an earlier investigation before this one. */
  debouncedBefore: number;
}

function target(r: AutofixRecord): string {
  return `machine ${r.machineId ?? "?"} in ${r.app ?? "?"}`;
}

function describeAttempt(r: AutofixRecord): string {
  switch (r.outcome) {
    case "succeeded":
      return `Restarted ${target(r)} (Fly envelope).`;
    case "failed":
      // The executor's failure message names the machine, the app and the vendor's answer.
      return r.message.endsWith(".") ? r.message : `${r.message}.`;
    case "refused":
      return `Restart of ${target(r)} refused: ${r.rule ? refusalPhrases[r.rule]({ app: r.app, machineId: r.machineId }) : "the envelope's rules did not allow it"}.`;
    case "unconfirmed":
      return `Restart of ${target(r)} allowed, but its result was never recorded; check the machine in Fly.`;
  }
}

/** Why no fix was attempted, when none was. */
function describeNoAttempt(input: LookoutDidInput, label: string): string {
  const envelope = getEnvelope(input.probe);
  if (envelope.fix === null) return `No fix envelope exists for ${label}: Lookout changes nothing there on its own; you decide the recovery.`;
  if (input.killSwitch) return "Autofix is switched off for every probe (LOOKOUT_AUTOFIX_KILL_SWITCH), so no restart was attempted.";
  if (!input.envelopeEnabled) return `${label} envelope OFF: Lookout may not restart anything, so no restart was attempted.`;
  if (input.engine === "fallback") return `${label} envelope ON, but without the AI investigation no restart was attempted.`;
  return `${label} envelope ON: Claude did not ask for a restart, so none was attempted.`;
}

/** One line per fact, in the order the operator needs them. */
export function describeLookoutDid(input: LookoutDidInput): string[] {
  const label = getProbe(input.probe)?.label ?? input.probe;
  const lines = input.attempts.length ? [...new Set(input.attempts.map(describeAttempt))] : [describeNoAttempt(input, label)];
  for (const earlier of input.earlierRestarts) lines.push(`Earlier in this incident: restarted ${target(earlier)}.`);
  if (input.stoppedBy === "max_turns") lines.push(`Stopped the investigation at the turn limit (${input.turns} turns); Claude's analysis may be incomplete.`);
  if (input.stoppedBy === "budget") lines.push("Stopped the investigation when the daily AI budget ran out; Claude's analysis may be incomplete.");
  if (input.debouncedBefore > 0) {
    const wakes = input.debouncedBefore === 1 ? "1 repeat wake" : `${input.debouncedBefore} repeat wakes`;
    lines.push(`Debounce: ${wakes} of this incident folded into an earlier investigation, with no new investigation or DM.`);
  }
  return lines;
}
