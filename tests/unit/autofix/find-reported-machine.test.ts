import { describe, expect, it } from "vitest";
import { findReportedMachine, listReportedMachines } from "@/lib/autofix/find-reported-machine";

const details = JSON.stringify({
  apps: [
    {
      app: "lookout-runtime",
      reachable: true,
      error: null,
      machines_total: 2,
      machines_started: 1,
      machines_unhealthy: 1,
      unhealthy: [{ id: "m1", name: "quiet-river-4821", region: "iad", state: "failed", reasons: ["state failed"] }],
    },
    { app: "lookout-staging", reachable: true, error: null, machines_total: 1, machines_started: 1, machines_unhealthy: 0, unhealthy: [] },
  ],
  machines_unhealthy: 1,
});

describe("findReportedMachine", () => {
  it("finds the machine only under the app that reported it", () => {
    expect(findReportedMachine(details, "lookout-runtime", "m1")).toMatchObject({ ok: true, machine: { id: "m1", state: "failed" } });
    expect(findReportedMachine(details, "lookout-staging", "m1")).toEqual({ ok: false, message: expect.stringContaining("it reported only: lookout-runtime/m1") });
    expect(findReportedMachine(details, "lookout-runtime", "m2")).toMatchObject({ ok: false });
  });

  it("finds nothing in details that are not a Fly snapshot's", () => {
    for (const bad of ["not json", "null", "[]", JSON.stringify({ apps: "x" }), JSON.stringify({ apps: [{ app: "lookout-runtime", unhealthy: "m1" }] })]) {
      expect(listReportedMachines(bad)).toEqual([]);
      expect(findReportedMachine(bad, "lookout-runtime", "m1")).toEqual({ ok: false, message: expect.stringContaining("reported no unhealthy machine") });
    }
  });

  it("still finds a reported machine whose reasons are unreadable, without inventing any", () => {
    const odd = JSON.stringify({ apps: [{ app: "lookout-runtime", unhealthy: [{ id: "m1", state: "failed", reasons: "state failed" }] }] });
    expect(findReportedMachine(odd, "lookout-runtime", "m1")).toEqual({ ok: true, machine: { id: "m1", state: "failed", reasons: [] } });
  });
});

describe("findReportedMachine's refusal", () => {
  it("names at most five of the machines the snapshot did report, comma-separated", () => {
    const many = JSON.stringify({
      apps: [{ app: "web", reachable: true, error: null, unhealthy: ["a", "b", "c", "d", "e", "f"].map((id) => ({ id, name: null, region: "iad", state: "failed", reasons: ["state failed"] })) }],
    });
    expect(findReportedMachine(many, "web", "z")).toEqual({ ok: false, message: "Machine z in app web is not listed unhealthy in this incident's Fly snapshot; it reported only: web/a, web/b, web/c, web/d, web/e." });
  });
});
