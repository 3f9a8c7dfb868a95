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

  it("pairs a result only with the allowed row of the same wake, app and machine", () => {
    const otherMachine = collapseAutofixRows([row("allowed"), row("succeeded", { machine_id: "m2" })]);
    expect(otherMachine.map((r) => [r.machineId, r.outcome])).toEqual([
      ["m1", "unconfirmed"],
      ["m2", "succeeded"],
    ]);
    const otherApp = collapseAutofixRows([row("allowed"), row("failed", { app: "lookout-worker" })]);
    expect(otherApp.map((r) => [r.app, r.outcome])).toEqual([
      ["lookout-runtime", "unconfirmed"],
      ["lookout-worker", "failed"],
    ]);
  });

  it("keeps a result with no allowed row before it", () => {
    expect(collapseAutofixRows([row("succeeded")]).map((r) => r.outcome)).toEqual(["succeeded"]);
    expect(collapseAutofixRows([row("failed")]).map((r) => r.outcome)).toEqual(["failed"]);
  });

  it("never lets a refusal stand in for the result of an allowed restart", () => {
    // A retried wake asking again for the same machine is refused; the first restart stays unconfirmed.
    const records = collapseAutofixRows([row("allowed"), row("refused", { rule: "one_restart_per_incident" }), row("succeeded")]);
    expect(records.map((r) => [r.outcome, r.rule])).toEqual([
      ["succeeded", null],
      ["refused", "one_restart_per_incident"],
    ]);
  });

  it("skips rows that are not an attempt's", () => {
    expect(collapseAutofixRows(["not json", JSON.stringify({ outcome: "succeeded" }), "null"])).toEqual([]);
  });
});

describe("collapseAutofixRows and malformed requests", () => {
  it("keeps a refusal of a malformed request, with what could be read of it", () => {
    const records = collapseAutofixRows([row("refused", { rule: "invalid_request", app: null, machine_id: null })]);
    expect(records.map((r) => [r.outcome, r.rule, r.app, r.machineId])).toEqual([["refused", "invalid_request", null, null]]);
  });
});
