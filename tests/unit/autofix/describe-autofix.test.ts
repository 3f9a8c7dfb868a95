import { describe, expect, it } from "vitest";
import { describeAutofix, refusalPhrases } from "@/lib/autofix/describe-autofix";
import type { AutofixResult } from "@/lib/autofix/types";

const refused = (rule: Extract<AutofixResult, { outcome: "refused" }>["rule"]): AutofixResult => ({
  outcome: "refused",
  rule,
  app: "lookout-runtime",
  machineId: "abc",
  message: "…",
});

describe("describeAutofix", () => {
  it("says nothing when no restart was attempted", () => {
    expect(describeAutofix([])).toBeNull();
  });

  it("names the machine and app of a restart", () => {
    expect(describeAutofix([{ outcome: "succeeded", app: "lookout-runtime", machineId: "abc", message: "…" }])).toBe("Restarted machine abc in lookout-runtime");
  });

  it("gives each refusal a reason the operator can read", () => {
    expect(describeAutofix([refused("envelope_enabled")])).toBe("Restart refused: the Fly envelope is off");
    expect(describeAutofix([refused("machine_reported_unhealthy")])).toBe("Restart refused: abc in lookout-runtime is not a machine this incident reported unhealthy");
    expect(describeAutofix([refused("one_restart_per_incident")])).toBe("Restart refused: another restart already ran in this incident");
    expect(describeAutofix([refused("app_cooldown")])).toBe("Restart refused: lookout-runtime is cooling down after a recent restart");
    expect(describeAutofix([{ outcome: "refused", rule: "invalid_request", app: null, machineId: null, message: "…" }])).toBe("Restart refused: the request was malformed");
  });

  it("still reads as a sentence when a refusal names no machine or app", () => {
    const unnamed: AutofixResult = { outcome: "refused", rule: "machine_reported_unhealthy", app: null, machineId: null, message: "…" };
    expect(describeAutofix([unnamed])).toBe("Restart refused: that machine in that app is not a machine this incident reported unhealthy");
  });

  it("uses the executor's failure sentence, and joins several attempts with repeats collapsed", () => {
    const failed: AutofixResult = { outcome: "failed", app: "lookout-runtime", machineId: "abc", message: "Restart of machine abc in lookout-runtime failed: Fly API answered HTTP 503." };
    expect(describeAutofix([failed])).toBe("Restart of machine abc in lookout-runtime failed: Fly API answered HTTP 503");
    expect(describeAutofix([refused("app_cooldown"), refused("app_cooldown"), failed])).toBe(
      "Restart refused: lookout-runtime is cooling down after a recent restart; Restart of machine abc in lookout-runtime failed: Fly API answered HTTP 503",
    );
  });

  it("drops only the closing full stop of a failure, not the dots inside the vendor's answer", () => {
    const unreachable: AutofixResult = {
      outcome: "failed",
      app: "lookout-runtime",
      machineId: "abc",
      message: "Restart of machine abc in lookout-runtime failed: Fly API unreachable: connection refused by 127.0.0.1:4280 (ECONNREFUSED).",
    };
    expect(describeAutofix([unreachable])).toBe("Restart of machine abc in lookout-runtime failed: Fly API unreachable: connection refused by 127.0.0.1:4280 (ECONNREFUSED)");
  });
});

describe("refusal phrases for a record that names no app", () => {
  it("speaks of the app in general words", () => {
    expect(refusalPhrases.app_cooldown({ app: null, machineId: null })).toBe("the app is cooling down after a recent restart");
    expect(refusalPhrases.machine_reported_unhealthy({ app: null, machineId: null })).toBe("that machine in that app is not a machine this incident reported unhealthy");
  });
});
