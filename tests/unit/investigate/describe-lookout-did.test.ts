import { describe, expect, it } from "vitest";
import type { AutofixRecord } from "@/lib/autofix/types";
import { findClaims } from "@/lib/investigate/check-claims";
import { describeLookoutDid, type LookoutDidInput } from "@/lib/investigate/describe-lookout-did";

const base: LookoutDidInput = { probe: "fly", engine: "claude", envelopeEnabled: false, killSwitch: false, attempts: [], earlierRestarts: [], stoppedBy: null, turns: 2, debouncedBefore: 0 };
const attempt = (outcome: AutofixRecord["outcome"], extra: Partial<AutofixRecord> = {}): AutofixRecord => ({ wakeId: "w1", outcome, rule: null, app: "lookout-runtime", machineId: "9922b80b7686b7", message: "", ...extra });

describe("describeLookoutDid", () => {
  it.each([
    ["a probe with no envelope", { probe: "vercel" as const }, "No fix envelope exists for Vercel: Lookout changes nothing there on its own; you decide the recovery."],
    ["the Fly envelope off", {}, "Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted."],
    ["the kill switch", { envelopeEnabled: true, killSwitch: true }, "Autofix is switched off for every probe (LOOKOUT_AUTOFIX_KILL_SWITCH), so no restart was attempted."],
    ["the envelope on, Claude asking for nothing", { envelopeEnabled: true }, "Fly.io envelope ON: Claude did not ask for a restart, so none was attempted."],
    ["the envelope on, the AI unavailable", { envelopeEnabled: true, engine: "fallback" as const }, "Fly.io envelope ON, but without the AI investigation no restart was attempted."],
  ])("says why no fix was attempted with %s", (_label, input, line) => {
    expect(describeLookoutDid({ ...base, ...input })).toEqual([line]);
  });

  it("lists every recorded attempt with its outcome, repeats collapsed, and never the envelope line beside them", () => {
    const lines = describeLookoutDid({
      ...base,
      envelopeEnabled: true,
      attempts: [
        attempt("refused", { machineId: "m-other", rule: "machine_reported_unhealthy" }),
        attempt("refused", { machineId: "m-other", rule: "machine_reported_unhealthy" }),
        attempt("succeeded"),
        attempt("refused", { rule: "one_restart_per_incident" }),
        attempt("failed", { message: "Restart of machine 9922b80b7686b7 in lookout-runtime failed: Fly answered 500" }),
        attempt("unconfirmed"),
      ],
    });
    expect(lines).toEqual([
      "Restart of machine m-other in lookout-runtime refused: m-other in lookout-runtime is not a machine this incident reported unhealthy.",
      "Restarted machine 9922b80b7686b7 in lookout-runtime (Fly envelope).",
      "Restart of machine 9922b80b7686b7 in lookout-runtime refused: another restart already ran in this incident.",
      "Restart of machine 9922b80b7686b7 in lookout-runtime failed: Fly answered 500.",
      "Restart of machine 9922b80b7686b7 in lookout-runtime allowed, but its result was never recorded; check the machine in Fly.",
    ]);
  });

  it("adds earlier restarts of the incident, a stopped run and the debounce", () => {
    const lines = describeLookoutDid({ ...base, earlierRestarts: [attempt("succeeded", { wakeId: "w0" })], stoppedBy: "max_turns", turns: 6, debouncedBefore: 3 });
    expect(lines.slice(1)).toEqual([
      "Earlier in this incident: restarted machine 9922b80b7686b7 in lookout-runtime.",
      "Stopped the investigation at the turn limit (6 turns); Claude's analysis may be incomplete.",
      "Debounce: 3 repeat wakes of this incident folded into an earlier investigation, with no new investigation or DM.",
    ]);
  });

  it("marks a machine or app the record does not name, keeps the executor's full stop, and says why a rule-less refusal happened", () => {
    const lines = describeLookoutDid({
      ...base,
      envelopeEnabled: true,
      attempts: [
        attempt("unconfirmed", { app: null, machineId: null }),
        attempt("failed", { message: "Restart of machine 9922b80b7686b7 in lookout-runtime failed: Fly answered 500." }),
        attempt("refused"),
      ],
    });
    expect(lines).toEqual([
      "Restart of machine ? in ? allowed, but its result was never recorded; check the machine in Fly.",
      "Restart of machine 9922b80b7686b7 in lookout-runtime failed: Fly answered 500.",
      "Restart of machine 9922b80b7686b7 in lookout-runtime refused: the envelope's rules did not allow it.",
    ]);
  });

  it("lists the attempts of a wake whose probe Lookout no longer runs", () => {
    expect(describeLookoutDid({ ...base, probe: "retired" as LookoutDidInput["probe"], attempts: [attempt("succeeded")] })).toEqual([
      "Restarted machine 9922b80b7686b7 in lookout-runtime (Fly envelope).",
    ]);
  });

  it("says when the daily budget stopped the run, and counts a single repeat wake", () => {
    expect(describeLookoutDid({ ...base, stoppedBy: "budget", debouncedBefore: 1 }).slice(1)).toEqual([
      "Stopped the investigation when the daily AI budget ran out; Claude's analysis may be incomplete.",
      "Debounce: 1 repeat wake of this incident folded into an earlier investigation, with no new investigation or DM.",
    ]);
  });

  it("claims a restart only when one succeeded", () => {
    const claimsOf = (lines: string[]) => lines.flatMap(findClaims).filter((c) => c.kind === "action");
    expect(claimsOf(describeLookoutDid({ ...base, envelopeEnabled: true, attempts: [attempt("refused", { rule: "app_cooldown" }), attempt("failed", { message: "Restart failed: 500" })] }))).toEqual([]);
    expect(claimsOf(describeLookoutDid({ ...base, envelopeEnabled: true, attempts: [attempt("succeeded")] }))).toHaveLength(1);
  });
});
