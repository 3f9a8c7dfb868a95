import { describe, expect, it } from "vitest";
import { simFlyApps } from "@/simulator/state";
import { scenarioNames } from "@/simulator/scenarios";
import { flyError, flyMachineList, flyRestartBody } from "./fly";
import { bearer, expectRejected, expectValid, get, injectedStatuses, withSimulator, type Answer } from "./harness";

// The simulated Fly Machines API against the contract written from Fly's own sources (see fly.ts), over real
// HTTP, in every scenario and every error mode the simulator can produce.

const running = withSimulator();
const token = () => running().env.FLY_API_TOKEN ?? "";
const base = () => running().env.FLY_API_URL ?? "";

const listMachines = (app: string, headers = bearer(token())) => get(`${base()}/v1/apps/${encodeURIComponent(app)}/machines`, headers);

async function restart(app: string, machineId: string, headers = bearer(token())): Promise<Answer> {
  const res = await fetch(`${base()}/v1/apps/${app}/machines/${machineId}/restart`, { method: "POST", headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

/** The restart body is undocumented beyond "200": empty, or `{"ok":true}` like its sibling actions. */
const restartBody = (answer: Answer) => (answer.text === "" ? "" : answer.json());

function expectFlyError(answer: Answer, status: number, what: string) {
  expect(answer.status, what).toBe(status);
  expectValid(flyError, answer.json(), what);
  // Every Fly answer carries a request id for support tickets.
  expect(answer.headers.get("fly-request-id"), what).toMatch(/\S/);
}

describe("Fly Machines API: success bodies in every scenario", () => {
  it.each(scenarioNames)("%s: each app's machine list and a restart satisfy the contract", async (scenario) => {
    running().sim.applyScenario(scenario);
    for (const app of running().sim.state.fly.apps) {
      const list = await listMachines(app.name);
      if (app.outage) {
        expectFlyError(list, 503, `${scenario}: ${app.name} during an outage`);
        expectFlyError(await restart(app.name, app.machines[0]?.id ?? "none"), 503, `${scenario}: restart during an outage`);
        continue;
      }
      expect(list.status, `${scenario}: ${app.name}`).toBe(200);
      const machines = expectValid(flyMachineList, list.json(), `${scenario}: ${app.name} machines`);
      expect(machines.length).toBe(app.machines.length);

      const first = machines[0];
      if (!first) continue;
      const restarted = await restart(app.name, first.id);
      expect(restarted.status, `${scenario}: restart ${first.id}`).toBe(200);
      expectValid(flyRestartBody, restartBody(restarted), `${scenario}: restart body`);
    }
  });

  it("fly-machine-fails: the failed machine is listed as failed with a critical check", async () => {
    running().sim.applyScenario("fly-machine-fails");
    const machines = expectValid(flyMachineList, (await listMachines("lookout-runtime")).json(), "failed machine list");
    expect(machines[0]?.state).toBe("failed");
    expect(machines[0]?.checks?.some((c) => c.status === "critical")).toBe(true);
  });
});

describe("Fly Machines API: error bodies", () => {
  it.each(injectedStatuses)("injected %i: the list and the restart answer Fly's error body", async (status) => {
    running().sim.setFault("fly", { kind: "status", status });
    expectFlyError(await listMachines(simFlyApps[0]), status, `list under ${status}`);
    const machineId = running().sim.state.fly.apps[0]?.machines[0]?.id ?? "";
    expectFlyError(await restart(simFlyApps[0], machineId), status, `restart under ${status}`);
  });

  it("rate_limit: 429 with Fly's error body and a Retry-After", async () => {
    running().sim.setFault("fly", { kind: "rate_limit", retryAfterS: 7 });
    const answer = await listMachines(simFlyApps[0]);
    expectFlyError(answer, 429, "rate limited list");
    expect(answer.headers.get("retry-after")).toBe("7");
  });

  it("a wrong or missing token is refused with 401", async () => {
    expectFlyError(await listMachines(simFlyApps[0], bearer("fo1_not_the_token")), 401, "wrong token");
    expectFlyError(await listMachines(simFlyApps[0], {}), 401, "no token");
    expectFlyError(await restart(simFlyApps[0], "148ed193b95189", bearer("fo1_not_the_token")), 401, "restart with a wrong token");
  });

  it("an unknown app, machine or route is a 404 in Fly's error body", async () => {
    expectFlyError(await listMachines("no-such-app"), 404, "unknown app");
    expectFlyError(await restart(simFlyApps[0], "000000000000"), 404, "unknown machine");
    expectFlyError(await get(`${base()}/v1/apps/${simFlyApps[0]}/volumes`, bearer(token())), 404, "unknown route");
  });

  it("the contract rejects a simulator-style machine whose state is a number, or that invents a field", async () => {
    const [machine] = (await listMachines(simFlyApps[0])).json() as Record<string, unknown>[];
    expectRejected(flyMachineList, [{ ...machine, state: 3 }], '"state"');
    expectRejected(flyMachineList, [{ ...machine, health: "good" }], "health");
    expectRejected(flyError, { error: "service unavailable", status: "unavailable" }, '"status"');
  });
});
