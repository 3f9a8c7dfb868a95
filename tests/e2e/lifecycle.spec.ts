import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createDb } from "@/lib/db";
import { sessionHref } from "@/lib/incidents/session-href";
import { seedOpenIncident } from "../helpers/seed-open-incident";
import { laptop, phone } from "./harness";

// An incident's life from the operator's side: acknowledge it from its card, open and end a maintenance
// window in Settings, and read both on the incident's timeline. The suite shares one database
// (serve.ts), so each test seeds its own incident, finds its rows by a unique title or reason, and
// resolves or ends what it opened, whatever happens.

const screenshots = "test-results/screenshots";
const operator = "operator";

/** One part of a page at both widths, when the whole page is too tall to judge the part. */
async function saveElement(page: Page, selector: string, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  for (const [size, viewport] of [["laptop", laptop], ["phone", phone]] as const) {
    await page.setViewportSize(viewport);
    await page.locator(selector).screenshot({ path: `${screenshots}/lifecycle-${name}-${size}.png` });
  }
  await page.setViewportSize(laptop);
}

async function save(page: Page, name: string, { phoneToo = true } = {}): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.setViewportSize(laptop);
  await page.screenshot({ path: `${screenshots}/lifecycle-${name}-laptop.png`, fullPage: true });
  if (!phoneToo) return;
  await page.setViewportSize(phone);
  await page.screenshot({ path: `${screenshots}/lifecycle-${name}-phone.png`, fullPage: true });
  await page.setViewportSize(laptop);
}

const card = (page: Page, probe: string) => page.locator(`article[data-probe="${probe}"]`);

test("acknowledge from a card, open and end a maintenance window, and read both on the timeline", async ({ page }) => {
  const db = createDb("file:./data/e2e.db");
  const stamp = Date.now();
  const title = `Doppler API unreachable ${stamp}`;
  const reason = `secrets store migration ${stamp}`;
  const { sessionId } = await seedOpenIncident(db, { probe: "doppler", title, holdSlot: false });
  try {
    await page.setViewportSize(laptop);
    await page.goto("/");
    const banner = card(page, "doppler").locator(`[data-testid="open-incident"][data-session-id="${sessionId}"]`);
    await expect(banner).toContainText(title);
    await expect(banner.getByTestId("acknowledged")).toHaveCount(0);
    await banner.getByRole("button", { name: /^Acknowledge/ }).click();

    await expect(banner.getByTestId("acknowledged")).toContainText(`Acknowledged by ${operator} just now`);
    await expect(banner.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
    await expect.poll(async () => (await db.incident.findUniqueOrThrow({ where: { sessionId } })).acknowledgedBy).toBe(operator);
    await expect.poll(() => db.auditEvent.count({ where: { seam: "incident.acknowledged", sessionId, actor: operator } })).toBe(1);

    // A window for Doppler alone, starting now, from the Settings form.
    await page.goto("/settings#maintenance");
    const section = page.locator("section#maintenance");
    await expect(section.getByRole("heading", { name: "Maintenance windows" })).toBeVisible();
    await section.getByLabel("Scope").selectOption({ label: "Doppler" });
    await section.getByLabel("Duration").selectOption({ label: "2 h" });
    await section.getByLabel(/^Reason/).fill(reason);
    await section.getByRole("button", { name: "Start maintenance" }).click();
    await expect(section.getByRole("status")).toContainText("Maintenance started");
    const active = section.getByRole("list", { name: "Active and scheduled windows" }).getByRole("listitem").filter({ hasText: reason });
    await expect(active).toHaveAttribute("data-state", "active");
    await expect(active).toContainText("Doppler");
    await expect(active).toContainText(`by ${operator}`);
    const windowId = (await active.getAttribute("data-window-id")) ?? "";
    await expect.poll(() => db.auditEvent.count({ where: { seam: "maintenance.created", actor: operator, details: { contains: reason } } })).toBe(1);
    await saveElement(page, "section#maintenance", "settings-maintenance-active");

    // The card says it plainly: silenced, until when, and why; the incident on it stays acknowledged.
    await page.goto("/");
    const doppler = card(page, "doppler");
    await expect(doppler).toHaveAttribute("data-silenced", "true");
    await expect(doppler.getByTestId("silenced")).toContainText(new RegExp(`Silenced until \\d{2}:\\d{2} — ${reason}`));
    await expect(doppler.getByTestId("acknowledged")).toBeVisible();
    await expect(card(page, "fly")).not.toHaveAttribute("data-silenced", "true");
    await save(page, "dashboard-acknowledged-silenced");
    await saveElement(page, 'article[data-probe="doppler"]', "card-acknowledged-silenced");

    // End it early from Settings: it moves to the ended list, with who ended it.
    await page.goto("/settings#maintenance");
    await section.getByRole("list", { name: "Active and scheduled windows" }).getByRole("listitem").filter({ hasText: reason }).getByRole("button", { name: /^End now/ }).click();
    const ended = section.getByRole("list", { name: "Recently ended windows" }).getByRole("listitem").filter({ hasText: reason });
    await expect(ended).toContainText(`ended early by ${operator}`);
    await expect(section.getByRole("list", { name: "Active and scheduled windows" }).getByRole("listitem").filter({ hasText: reason })).toHaveCount(0);
    await expect.poll(async () => (await db.maintenanceWindow.findUniqueOrThrow({ where: { id: windowId } })).endedBy).toBe(operator);
    await expect.poll(() => db.auditEvent.count({ where: { seam: "maintenance.ended", actor: operator, details: { contains: reason } } })).toBe(1);

    // A window scheduled for tomorrow waits in the list as scheduled, and Cancel removes it before it starts.
    const later = new Date(Date.now() + 86_400_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const scheduledReason = `provider upgrade ${stamp}`;
    await section.getByLabel("Scope").selectOption({ label: "All probes" });
    await section.getByRole("radio", { name: "At" }).check();
    await section.getByLabel("Start date and time").fill(local);
    await section.getByLabel("Duration").selectOption({ label: "30 min" });
    await section.getByLabel(/^Reason/).fill(scheduledReason);
    await section.getByRole("button", { name: "Schedule maintenance" }).click();
    const scheduled = section.getByRole("list", { name: "Active and scheduled windows" }).getByRole("listitem").filter({ hasText: scheduledReason });
    await expect(scheduled).toHaveAttribute("data-state", "scheduled");
    await expect(scheduled).toContainText("All probes");
    await saveElement(page, "section#maintenance", "settings-maintenance-scheduled");
    await scheduled.getByRole("button", { name: /^Cancel/ }).click();
    await expect(scheduled).toHaveCount(0);
    await expect(section.getByRole("list", { name: "Recently ended windows" }).getByRole("listitem").filter({ hasText: scheduledReason })).toContainText(
      `cancelled before it started by ${operator}`,
    );
    await expect.poll(() => db.auditEvent.count({ where: { seam: "maintenance.ended", actor: operator, details: { contains: scheduledReason } } })).toBe(1);
    await saveElement(page, "section#maintenance", "settings-maintenance-ended");
    await page.goto("/");
    await expect(card(page, "doppler")).not.toHaveAttribute("data-silenced", "true");

    // The timeline tells the whole story: acknowledged by whom, and the window's start and end.
    await page.goto(sessionHref(sessionId));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("acknowledged")).toContainText(`Acknowledged by ${operator}`);
    await expect(page.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
    const steps = page.getByRole("list", { name: "Timeline, oldest first" });
    await expect(steps.locator("li[data-kind='acknowledged']")).toContainText(`Acknowledged by ${operator}`);
    await expect(steps.locator("li[data-kind='acknowledged']")).toContainText("From the dashboard.");
    const windowSteps = steps.locator("li[data-kind='maintenance']");
    await expect(windowSteps).toHaveCount(2);
    await expect(windowSteps.nth(0)).toContainText("Maintenance window started");
    await expect(windowSteps.nth(0)).toContainText(reason);
    await expect(windowSteps.nth(0)).toContainText(`by ${operator}`);
    await expect(windowSteps.nth(1)).toContainText("Maintenance window ended");
    await expect(windowSteps.nth(1)).toContainText(`Ended by ${operator} before its planned end`);
    await save(page, "timeline");
  } finally {
    await db.maintenanceWindow.updateMany({ where: { reason: { contains: String(stamp) }, endedAt: null }, data: { endedAt: new Date(), endedBy: "e2e-cleanup" } });
    await db.incident.update({ where: { sessionId }, data: { resolvedAt: new Date(), openKey: null } });
    await db.$disconnect();
  }
});

test("a flapping incident recorded during maintenance is marked so, and the list filters find it", async ({ page }) => {
  const db = createDb("file:./data/e2e.db");
  const title = `Sentry issues piling up ${Date.now()}`;
  const since = new Date(Date.now() - 10 * 60_000);
  const { sessionId } = await seedOpenIncident(db, {
    probe: "sentry", category: "service_degraded", severity: "warning", title, holdSlot: false, flappingSince: since, maintenanceWindowId: "seeded-window",
  });
  try {
    await page.setViewportSize(laptop);
    await page.goto("/");
    const banner = card(page, "sentry").locator(`[data-testid="open-incident"][data-session-id="${sessionId}"]`);
    await expect(banner.getByTestId("flapping")).toHaveText("Flapping");
    await expect(banner.getByTestId("during-maintenance")).toHaveText("During maintenance");
    await card(page, "sentry").screenshot({ path: `${screenshots}/lifecycle-card-flapping-laptop.png` });

    await page.goto(sessionHref(sessionId));
    await expect(page.getByTestId("flapping")).toHaveText("Flapping");
    await expect(page.getByTestId("during-maintenance")).toHaveText("During maintenance");
    await expect(page.getByRole("button", { name: /^Acknowledge/ })).toBeVisible();
    await save(page, "timeline-flapping-unacknowledged", { phoneToo: true });

    // The chips are links that keep the other filters: flapping, then not acknowledged, then maintenance.
    await page.goto("/investigations?probe=sentry");
    await page.getByRole("group", { name: "Flapping" }).getByRole("link", { name: "Yes" }).click();
    await expect(page).toHaveURL(/\/investigations\?probe=sentry&flapping=yes$/);
    await page.getByRole("group", { name: "Acknowledged" }).getByRole("link", { name: "No" }).click();
    await expect(page).toHaveURL(/\/investigations\?probe=sentry&ack=no&flapping=yes$/);
    await page.getByRole("group", { name: "Maintenance" }).getByRole("link", { name: "Yes" }).click();
    await expect(page).toHaveURL(/\/investigations\?probe=sentry&ack=no&flapping=yes&maintenance=yes$/);
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toBeVisible();
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toContainText("Flapping");
    await page.getByRole("group", { name: "Acknowledged" }).getByRole("link", { name: "Yes" }).click();
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toHaveCount(0);
    await page.goBack();
    await expect(page.getByRole("group", { name: "Acknowledged" }).getByRole("link", { name: "No" })).toHaveAttribute("aria-current", "true");
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toBeVisible();
    await save(page, "investigations-filtered");
  } finally {
    await db.incident.update({ where: { sessionId }, data: { resolvedAt: new Date(), openKey: null } });
    await db.$disconnect();
  }
});
