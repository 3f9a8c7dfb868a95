import { afterEach, describe, expect, it } from "vitest";
import { requestFlyRestart } from "@/lib/autofix/request-fly-restart";
import { runFlyProbe } from "@/lib/probes/fly";
import { startFakeVendor, withContext, type FakeReply, type FakeVendor } from "@/tests/unit/probes/fake-vendor";
import { flyError, flyMachineList, flyRestartBody } from "./fly";
import { expectRejected, expectValid, readJsonExample } from "./harness";

// Examples hand-written after Fly's published ones, checked against the contract and then fed to the real probe
// and restart client over HTTP, so "the contract holds" and "Lookout reads it right" are proven on the same bodies.

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

const probe = (routes: Record<string, FakeReply>, apps = ["my-app-name"]) =>
  withContext(async (ctx) => {
    vendor = await startFakeVendor(routes);
    return runFlyProbe({ token: "fo1_example_token", apps, apiUrl: vendor.url }, ctx);
  });

describe("Fly examples", () => {
  // After superfly/docs reference/machines/_machines_list_resp.erb (commit aae028fc): the same ids, names, image
  // refs, addresses and events; `config` stands for the elided "Fly Machine Config".
  it("the published list example satisfies the contract and reads as two healthy started machines", async () => {
    const body = readJsonExample("fly", "machines-list.json");
    expectValid(flyMachineList, body, "machines-list.json");
    const outcome = await probe({ "/v1/apps/my-app-name/machines": { json: body } });
    expect(outcome).toMatchObject({ status: "healthy", error: null });
    expect(outcome.details).toMatchObject({ apps_reachable: 1, machines_total: 2, machines_started: 2, machines_unhealthy: 0 });
  });

  // Field names as in the published list example, states from machine-states.html.markerb, and the synthetic
  // `bg_deployments_compat*` check fly-go's RemoveCompatChecks drops (machine_types.go, commit 005ce19b).
  it("failed, wedged and compat-check machines are read with Fly's own rules", async () => {
    const body = readJsonExample("fly", "machines-unhealthy.json");
    expectValid(flyMachineList, body, "machines-unhealthy.json");
    const outcome = await probe({ "/v1/apps/my-app-name/machines": { json: body } });
    expect(outcome.status).toBe("degraded");
    // The destroyed machine is not counted; the started one with only a critical compat check is healthy.
    expect(outcome.details).toMatchObject({ machines_total: 3, machines_started: 1, machines_unhealthy: 2 });
    expect(outcome.error).toBe(
      "2 Fly machines unhealthy: my-app-name/e784079b449483 (state failed, check servicecheck-00-http-8080 critical); my-app-name/d5683212a7918e (wedged in stopping for 12 min)",
    );
  });

  // The {error, status} body of fly-go flaps/flaps_error.go (commit 05401b44), with one of the flyd resource
  // phrases it lists; Fly answers a capacity failure with 422.
  it("a capacity error satisfies the contract and makes the probe unhealthy with Fly's message", async () => {
    const body = readJsonExample("fly", "error-capacity.json");
    expectValid(flyError, body, "error-capacity.json");
    const outcome = await probe({ "/v1/apps/my-app-name/machines": { status: 422, json: body } });
    expect(outcome).toMatchObject({ status: "unhealthy", error: "Fly API answered HTTP 422: insufficient resources available to fulfill request" });
  });

  // The `{"ok": true}` of machines_ok_true_resp, which Fly's docs show for the sibling stop/start/wait calls.
  it("a restart answered like its sibling actions satisfies the contract and counts as done", async () => {
    const body = readJsonExample("fly", "restart-ok.json");
    expectValid(flyRestartBody, body, "restart-ok.json");
    vendor = await startFakeVendor({ "/v1/apps/my-app-name/machines/d5683212a7918e/restart": { json: body } });
    const result = await requestFlyRestart({ apiUrl: vendor.url, token: "fo1_example_token", app: "my-app-name", machineId: "d5683212a7918e" });
    expect(result).toEqual({ ok: true, status: 200 });
    expect(vendor.requests[0]?.headers.authorization).toBe("Bearer fo1_example_token");
  });

  it("the contract rejects a state that is a number, an unknown state, a missing id and an invented field", () => {
    const [machine] = readJsonExample("fly", "machines-list.json") as Record<string, unknown>[];
    expectRejected(flyMachineList, [{ ...machine, state: 1 }], '"state"');
    expectRejected(flyMachineList, [{ ...machine, state: "running" }], '"state"');
    expectRejected(flyMachineList, [{ ...machine, id: undefined }], '"id"');
    expectRejected(flyMachineList, [{ ...machine, health: "good" }], "health");
    expectRejected(flyError, { error: "down", status: "unavailable" }, '"status"');
  });
});
