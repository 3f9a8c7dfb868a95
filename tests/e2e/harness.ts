import { expect, type APIRequestContext } from "@playwright/test";
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
