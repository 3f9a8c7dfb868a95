import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { DashboardData } from "@/lib/dashboard/types";
import { controlSimulator, laptop, phone, runCronCycle } from "./harness";

// The health dashboard against the simulator: figures after a cycle, "Run now", and live refresh.
// serve.ts gives the suite one fresh database; each test resets the simulator and runs its own cycle,
// so it only ever reads the newest snapshots and can run alone or in any order.

const screenshots = "test-results/screenshots";
const probeNames = ["supabase", "fly", "vercel", "sentry", "doppler"] as const;

async function readDashboard(request: APIRequestContext): Promise<DashboardData> {
  const response = await request.get("/api/dashboard");
  expect(response.ok()).toBe(true);
  return (await response.json()) as DashboardData;
}

/** Counts stored cycles straight from the suite's SQLite file (see serve.ts). */
function countCycles(): number {
  const sqlite = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare("SELECT COUNT(*) AS n FROM ProbeCycle").get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

const card = (page: Page, probe: string) => page.locator(`article[data-probe="${probe}"]`);
const badge = (page: Page, probe: string) => card(page, probe).locator("[data-status]");

async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshots, { recursive: true });
  const path = `${screenshots}/dashboard-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

test.beforeEach(async () => {
  await controlSimulator("reset");
  await controlSimulator("scenario", { name: "all-healthy" });
});

test("shows the five cards with their figures after a cycle", async ({ page, request }) => {
  const cycleId = await runCronCycle(request);
  await page.setViewportSize(laptop);
  await page.goto("/");

  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("last-cycle")).toHaveAttribute("data-cycle-id", cycleId);
  for (const probe of probeNames) await expect(badge(page, probe)).toHaveText("Healthy");

  await expect(card(page, "supabase")).toContainText("REST API");
  await expect(card(page, "fly")).toContainText(/lookout-runtime\s*2 of 2 started/);
  await expect(card(page, "fly")).toContainText(/lookout-staging\s*1 of 1 started/);
  await expect(card(page, "vercel")).toContainText(/Error rate \(24 h\)\s*0\.0 %/);
  await expect(card(page, "vercel")).toContainText(/Deployments \(24 h\)\s*30/);
  await expect(card(page, "sentry")).toContainText(/Unresolved issues\s*3/);
  await expect(card(page, "doppler")).toContainText(/Oldest secret\s*30 days/);
  // The history strip speaks for itself: a labelled list whose segments name their time and status.
  await expect(card(page, "fly").getByRole("list", { name: /status history/ }).getByRole("listitem")).toHaveCount(48);

  await saveScreenshot(page, "healthy-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "healthy-phone");
});

test("Run now stores a new cycle and the cards show it", async ({ page, request }) => {
  const before = await runCronCycle(request);
  await page.goto("/");
  await expect(page.getByTestId("last-cycle")).toHaveAttribute("data-cycle-id", before);
  await expect(badge(page, "sentry")).toHaveText("Healthy");
  const storedBefore = countCycles();

  await controlSimulator("scenario", { name: "sentry-pileup" });
  await page.getByRole("button", { name: "Run now" }).click();

  await expect(page.getByRole("status")).toContainText("Probe cycle finished");
  await expect.poll(countCycles).toBe(storedBefore + 1);
  await expect
    .poll(async () => {
      const { lastCycle } = await readDashboard(request);
      return lastCycle && lastCycle.id !== before ? lastCycle.trigger : null;
    })
    .toBe("manual");
  const { lastCycle } = await readDashboard(request);
  await expect(page.getByTestId("last-cycle")).toHaveAttribute("data-cycle-id", lastCycle?.id ?? "");
  await expect(page.getByTestId("last-cycle")).toContainText("Run now");
  await expect(badge(page, "sentry")).toHaveText("Degraded");
  await expect(card(page, "sentry")).toContainText(/Unresolved issues\s*40/);
  await expect(page.getByRole("button", { name: "Run now" })).toBeEnabled();
});

test("a failing Fly machine turns its card degraded without a reload", async ({ page, request }) => {
  await runCronCycle(request);
  await page.setViewportSize(laptop);
  await page.goto("/");
  await expect(badge(page, "fly")).toHaveText("Healthy");

  // The marker survives only if the document is never reloaded; `load` fires only for a new document
  // (the router's own history.replaceState calls are same-document and do not count).
  await page.evaluate(() => Object.assign(window, { lookoutE2eMarker: "still-here" }));
  let documentLoads = 0;
  page.on("load", () => (documentLoads += 1));

  await controlSimulator("scenario", { name: "fly-machine-fails" });
  await runCronCycle(request);

  await expect(badge(page, "fly")).toHaveText("Degraded");
  await expect(card(page, "fly")).toContainText("1 unhealthy");
  await expect(card(page, "fly")).toContainText("Unhealthy:");
  expect(await page.evaluate(() => (window as unknown as { lookoutE2eMarker?: string }).lookoutE2eMarker)).toBe("still-here");
  expect(documentLoads).toBe(0);

  await saveScreenshot(page, "fly-degraded-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "fly-degraded-phone");
});

test("the Doppler card says how many secrets are not yet dated, and dates them over the next cycles", async ({ page, request }) => {
  await controlSimulator("scenario", { name: "doppler-long-history" });
  await runCronCycle(request);
  await page.setViewportSize(laptop);
  await page.goto("/");
  // Twenty log entries a cycle: the newest changes are dated, the rest are said to be undated, and nothing alarms.
  await expect(badge(page, "doppler")).toHaveText("Healthy");
  await expect(card(page, "doppler")).toContainText(/Oldest dated secret\s*\d+ days?/);
  await expect(card(page, "doppler")).toContainText(/secrets? not yet dated \(20 log reads a cycle; the next cycle reads further\)/);
  await saveScreenshot(page, "doppler-partial-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "doppler-partial-phone");

  await runCronCycle(request);
  await runCronCycle(request);
  await expect(card(page, "doppler")).toContainText(/Oldest secret\s*30 days/);
  await expect(card(page, "doppler")).not.toContainText("not yet dated");
  await expect(badge(page, "doppler")).toHaveText("Healthy");
});

test("the Supabase card says why connections are not measured instead of degrading", async ({ page, request }) => {
  // A rotated service-role key: the metrics endpoint refuses Lookout's, while the anon-key checks still pass.
  await controlSimulator("state", { credentials: { supabaseServiceRoleKey: "sim-service-role-rotated" } });
  await runCronCycle(request);
  await page.setViewportSize(laptop);
  await page.goto("/");
  await expect(badge(page, "supabase")).toHaveText("Healthy");
  await expect(card(page, "supabase")).toContainText(/Connections\s*Not reported\s*Supabase Metrics API credentials rejected \(HTTP 401\)/);
  await saveScreenshot(page, "supabase-metrics-missing-laptop");
});
