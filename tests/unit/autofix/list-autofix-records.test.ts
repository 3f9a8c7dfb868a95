import { describe, expect, it } from "vitest";
import { collapseAutofixRows } from "@/lib/autofix/list-autofix-records";

const row = (outcome: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ outcome, app: "lookout-runtime", machine_id: "m1", reason: null, message: `${outcome} m1`, wake_id: "w1", snapshot_id: "s1", capability: "probe_autofix_fly_restart", ...extra });

describe("collapseAutofixRows", () => {
  it("reads allowed + succeeded as one succeeded restart, and keeps refusals apart", () => {
    const records = collapseAutofixRows([row("refused", { rule: "machine_reported_unhealthy", machine_id: "m9" }), row("allowed"), row("succeeded"), row("refused", { rule: "one_restart_per_incident" })]);
    expect(records.map((r) => [r.outcome, r.machineId, r.rule])).toEqual([
      ["refused", "m9", "machine_reported_unhealthy"],
      ["succeeded", "m1", null],
      ["refused", "m1", "one_restart_per_incident"],
    ]);
  });

  it("keeps an allowed restart with no result as unconfirmed, per wake", () => {
    const records = collapseAutofixRows([row("allowed"), row("allowed", { wake_id: "w2" }), row("failed", { wake_id: "w2" })]);
    expect(records.map((r) => [r.wakeId, r.outcome])).toEqual([
      ["w1", "unconfirmed"],
      ["w2", "failed"],
    ]);
  });

  it("skips rows that are not an attempt's", () => {
    expect(collapseAutofixRows(["not json", JSON.stringify({ outcome: "succeeded" }), "null"])).toEqual([]);
  });
});
