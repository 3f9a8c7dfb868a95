import { describe, expect, it } from "vitest";
import { readAutofixAttempt } from "@/lib/autofix/write-autofix-attempt";

// The once-per-incident and cooldown rules count past restarts by what this reader makes of each stored row.

describe("readAutofixAttempt", () => {
  it("reads the outcome and app a stored attempt row recorded", () => {
    const row = JSON.stringify({ outcome: "allowed", app: "lookout-runtime", machine_id: "m1", message: "Restarting machine m1 in lookout-runtime." });
    expect(readAutofixAttempt(row)).toEqual({ outcome: "allowed", app: "lookout-runtime" });
  });

  it("gives no app when the row named none, so the row never cools an app down", () => {
    expect(readAutofixAttempt(JSON.stringify({ outcome: "refused", app: null }))).toEqual({ outcome: "refused", app: null });
    expect(readAutofixAttempt(JSON.stringify({ outcome: "refused" }))).toEqual({ outcome: "refused", app: null });
    expect(readAutofixAttempt(JSON.stringify({ outcome: "allowed", app: 42 }))).toEqual({ outcome: "allowed", app: null });
  });

  it("treats details that are not an attempt's as no attempt at all", () => {
    for (const details of ["not json", "", "null", "{}", JSON.stringify({ outcome: 1, app: "lookout-runtime" }), JSON.stringify({ app: "lookout-runtime" })]) {
      expect(readAutofixAttempt(details)).toBeNull();
    }
  });
});
