import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_CRON_SECRET, simulatorControl } from "./ports";

export const laptop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/** One call to the simulator's control endpoint (`scenario`, `fault`, `reset`, `anthropic/script`, …). */
export async function controlSimulator(action: string, body?: unknown): Promise<void> {
  const response = await fetch(`${simulatorControl}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  expect(response.ok, `simulator ${action} answered ${response.status}`).toBe(true);
}

/** Runs one probe cycle through the cron route, as Vercel Cron would; returns the cycle id. */
export async function runCronCycle(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/cron/probes", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { cycle: { cycleId: string } };
  return body.cycle.cycleId;
}

/** Puts the fly envelope in the given state through Settings, as an operator would. */
export async function setFlyEnvelope(page: Page, enabled: boolean): Promise<void> {
  await page.goto("/settings");
  const row = page.locator('article[data-probe="fly"]');
  const toggle = row.getByRole("switch", { name: "Enable the Fly.io envelope" });
  if ((await toggle.isChecked()) === enabled) return;
  await toggle.click();
  await expect(row.getByTestId("envelope-state")).toHaveText(enabled ? "On" : "Off");
  await page.reload();
  await expect(toggle).toBeChecked({ checked: enabled });
}

/** The machine the fly-machine-fails scenario broke, as the simulator's state reports it. */
export async function findFailedMachine(): Promise<{ app: string; machineId: string }> {
  const response = await fetch(`${simulatorControl}/state`);
  const state = (await response.json()) as { fly: { apps: { name: string; machines: { id: string; state: string }[] }[] } };
  for (const app of state.fly.apps) {
    const machine = app.machines.find((m) => m.state === "failed");
    if (machine) return { app: app.name, machineId: machine.id };
  }
  throw new Error("the simulator reports no failed Fly machine");
}
