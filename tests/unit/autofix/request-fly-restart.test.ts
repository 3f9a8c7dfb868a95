import { describe, expect, it } from "vitest";
import { requestFlyRestart } from "@/lib/autofix/request-fly-restart";
import { startFakeVendor } from "../probes/fake-vendor";

// The restart call's answer is its status: Fly's body is not needed and may be empty or not JSON.

describe("requestFlyRestart", () => {
  it.each([
    ["an empty body", ""],
    ["a body that is not JSON", "restarting"],
  ])("takes a 200 with %s as a restart", async (_label, text) => {
    const fly = await startFakeVendor({ "/v1/apps/web/machines/m1/restart": { text } });
    try {
      expect(await requestFlyRestart({ apiUrl: fly.url, token: "fly-token", app: "web", machineId: "m1" })).toEqual({ ok: true, status: 200 });
    } finally {
      await fly.close();
    }
  });
});
