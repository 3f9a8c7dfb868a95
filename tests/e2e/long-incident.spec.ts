import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db";
import { sessionHref } from "@/lib/incidents/session-href";
import { seedLongIncident } from "../helpers/seed-long-incident";
import { laptop } from "./harness";

// A long, noisy incident must still render as one readable page: the strip shows one page of snapshots
// with links to the rest, and every one of its 50 wakes is on the timeline.
test("a session with 1,000 snapshots and 50 wakes renders with a capped, paginated strip", async ({ page }) => {
  const db = createDb("file:./data/e2e.db");
  const { sessionId } = await seedLongIncident(db, { snapshots: 1_000, wakes: 50, end: new Date(Date.now() - 30 * 86_400_000) });
  await db.$disconnect();

  await page.setViewportSize(laptop);
  const response = await page.goto(sessionHref(sessionId));
  expect(response?.status()).toBe(200);
  const strip = page.locator("#snapshots");
  await expect(strip).toContainText("Showing 120 of 1,000 snapshots");
  await expect(page.locator("li[data-kind='wake']")).toHaveCount(50);
  await expect(page.locator("li[data-kind='investigation']")).toHaveCount(1);
  await expect(page.locator("li[data-kind='dm']")).toHaveCount(2);

  await strip.getByRole("link", { name: /Older/ }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(page.locator("#snapshots")).toContainText("Showing 120 of 1,000 snapshots");
  await strip.getByRole("link", { name: /Newer/ }).click();
  await expect(page).toHaveURL(/after=/);
});
