import { describe, expect, it } from "vitest";
import { takeFault, type Fault, type SimVendor } from "@/simulator/faults";
import { makeDeployments, makeDopplerLogs, makeSentryIssues } from "@/simulator/generators";
import { applyScenario, scenarioNames } from "@/simulator/scenarios";
import { defaultState } from "@/simulator/state";

// The simulator's data builders and fault countdown, without a server.

const now = Date.UTC(2026, 10, 1, 12);
const DAY = 86_400_000;

describe("simulator generators", () => {
  it("makeDeployments: unique descending timestamps inside the window, at the asked error rate", () => {
    const list = makeDeployments({ projectId: "prj", projectName: "web", count: 40, errorRate: 0.25, now });
    expect(new Set(list.map((d) => d.created)).size).toBe(40);
    expect(list.every((d, i) => d.created < now && d.created >= now - DAY && (i === 0 || d.created < list[i - 1]!.created))).toBe(true);
    const errors = list.filter((d) => d.readyState === "ERROR");
    expect(errors).toHaveLength(10);
    expect(errors.every((d) => d.errorCode && d.errorMessage)).toBe(true);
  });

  it("makeSentryIssues: count is a string and every issue was seen in the last day", () => {
    const issues = makeSentryIssues({ org: "o", projects: [{ id: "1", name: "p", slug: "p", platform: "node" }], count: 12, now });
    expect(new Set(issues.map((i) => i.id)).size).toBe(12);
    expect(issues.every((i) => typeof i.count === "string" && Date.parse(i.lastSeen) > now - DAY)).toBe(true);
  });

  it("makeDopplerLogs: the latest change per secret sits at its age, newest log first", () => {
    const logs = makeDopplerLogs({ ages: { A: 3, B: 250 }, now, project: "p", config: "prd" });
    const latest = (name: string) => Math.max(...logs.filter((l) => l.diff.some((d) => d.name === name)).map((l) => Date.parse(l.created_at)));
    expect((now - latest("A")) / DAY).toBe(3);
    expect((now - latest("B")) / DAY).toBe(250);
    expect(logs.map((l) => l.created_at)).toEqual([...logs.map((l) => l.created_at)].sort().reverse());
  });

  it("default state: distinct machine ids across apps; every scenario applies", () => {
    const state = defaultState(now);
    const ids = state.fly.apps.flatMap((a) => a.machines.map((m) => m.id));
    expect(new Set(ids).size).toBe(3);
    for (const name of scenarioNames) applyScenario(state, name, now);
    expect(state.supabase.connections.active).toBe(92);
  });
});

describe("takeFault", () => {
  it("counts `times` down and then clears; without `times` the fault stays", () => {
    const faults: Partial<Record<SimVendor, Fault>> = { fly: { kind: "reset", times: 2 }, vercel: { kind: "hang" } };
    expect(takeFault(faults, "fly")?.kind).toBe("reset");
    expect(takeFault(faults, "fly")?.kind).toBe("reset");
    expect(takeFault(faults, "fly")).toBeNull();
    expect(takeFault(faults, "vercel")?.kind).toBe("hang");
    expect(takeFault(faults, "vercel")?.kind).toBe("hang");
  });
});
