import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { simulatorCredentials } from "../../simulator/state";
import { runCronCycle } from "./harness";
import { E2E_CRON_SECRET, simulatorControl } from "./ports";

const secrets = [...Object.values(simulatorCredentials), E2E_CRON_SECRET].filter((v): v is string => typeof v === "string" && v.length >= 8);

test("no configured token reaches the dashboard HTML, its JSON or the database", async ({ page, request }) => {
  await request.post(`${simulatorControl}/reset`);
  await runCronCycle(request);
  for (const name of ["fly-machine-fails", "vercel-errors-rise", "sentry-pileup", "secret-ages"]) {
    await request.post(`${simulatorControl}/scenario`, { data: { name } });
  }
  await runCronCycle(request);
  await request.post(`${simulatorControl}/fault`, { data: { vendor: "doppler", fault: { kind: "status", status: 500 } } });
  await request.post(`${simulatorControl}/fault`, { data: { vendor: "vercel", fault: { kind: "rate_limit", retryAfterS: 9 } } });
  await runCronCycle(request);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Fly/ })).toBeVisible();
  const html = await page.content();
  const json = await (await request.get("/api/dashboard")).text();
  // The server is still running in WAL mode: recent writes live in the -wal file until a checkpoint.
  const database = Buffer.concat(["data/e2e.db", "data/e2e.db-wal"].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  expect(secrets.length).toBeGreaterThanOrEqual(7);
  for (const secret of secrets) {
    expect(html.includes(secret), `${secret.slice(0, 5)}… in HTML`).toBe(false);
    expect(json.includes(secret), `${secret.slice(0, 5)}… in /api/dashboard`).toBe(false);
    expect(database.includes(secret), `${secret.slice(0, 5)}… in SQLite`).toBe(false);
  }
  await request.post(`${simulatorControl}/reset`);
});
