import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { controlSimulator, laptop, phone, runCronCycle } from "./harness";

// Settings and the audit log together: a toggle is written once, shows up in the log with who and why,
// a "none" envelope stays off even when the browser is tampered with, and an open incident on a card
// links to its session. The suite shares one database (serve.ts), so each test finds its own rows by a
// unique reason and puts the fly envelope back OFF, whatever ran before it.

const screenshots = "test-results/screenshots";

const envelopeRow = (page: Page, probe: string) => page.locator(`article[data-probe="${probe}"]`);
const envelopeSwitch = (page: Page, probe: string) => envelopeRow(page, probe).getByRole("switch");
const auditRows = (page: Page) => page.getByRole("list", { name: "Audit events, newest first" }).getByRole("listitem");

async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

/** Audit rows of one seam and probe, read straight from the suite's SQLite file. */
function countAuditRows(seam: string, probe: string): number {
  const sqlite = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare("SELECT COUNT(*) AS n FROM AuditEvent WHERE seam = ? AND probe = ?").get(seam, probe) as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** Puts an envelope in the given state through the page, as an operator would; a no-op when it already is. */
async function setEnvelope(page: Page, probe: string, enabled: boolean): Promise<void> {
  await page.goto("/settings");
  const toggle = envelopeSwitch(page, probe);
  if ((await toggle.isChecked()) === enabled) return;
  await toggle.click();
  await expect(envelopeRow(page, probe).getByTestId("envelope-state")).toHaveText(enabled ? "On" : "Off");
  await page.reload();
  await expect(toggle).toBeChecked({ checked: enabled });
}

test.beforeEach(async ({ page }) => {
  await setEnvelope(page, "fly", false);
});

test.afterEach(async ({ page }) => {
  await setEnvelope(page, "fly", false);
});

test("turning the fly envelope on is saved and recorded in the audit log", async ({ page }) => {
  const reason = `machines wedge after deploys ${Date.now()}`;
  await page.setViewportSize(laptop);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Fix envelopes" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");

  const fly = envelopeRow(page, "fly");
  await expect(fly).toContainText("restart_unhealthy_machine");
  await expect(fly.getByTestId("envelope-state")).toHaveText("Off");
  await fly.getByLabel(/Reason for the change/).fill(reason);
  await fly.getByRole("switch", { name: "Enable the Fly.io envelope" }).click();

  await expect(envelopeSwitch(page, "fly")).toBeChecked();
  await expect(fly.getByTestId("envelope-state")).toHaveText("On");
  await expect(fly.getByTestId("envelope-last-changed")).toContainText(/Last changed by operator\s*just now/);
  await expect(fly.getByLabel(/Reason for the change/)).toHaveValue("");
  // Stored, not only drawn: a fresh render from the server agrees.
  await page.reload();
  await expect(envelopeSwitch(page, "fly")).toBeChecked();
  await expect(fly.getByTestId("envelope-state")).toHaveText("On");
  await saveScreenshot(page, "settings-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "settings-phone");

  await page.setViewportSize(laptop);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const row = auditRows(page).filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-seam", "envelope.toggled");
  await expect(row).toHaveAttribute("data-probe", "fly");
  await expect(row).toContainText("Envelope toggled");
  await expect(row).toContainText("by operator");
  await expect(row.locator("summary")).toHaveText(`fly: off → on (${reason})`);

  const details = row.locator("pre");
  await expect(details).toBeHidden();
  await row.locator("summary").click();
  await expect(details).toBeVisible();
  await expect(details).toContainText('"before": false');
  await expect(details).toContainText('"after": true');
  await expect(details).toContainText(`"reason": "${reason}"`);
  await saveScreenshot(page, "audit-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "audit-phone");
  // The full page is too tall to read at a glance: the first screen (header, chain status, chips) too.
  await page.screenshot({ path: `${screenshots}/audit-phone-top.png` });
  await page.setViewportSize(laptop);

  // Filters are links: the URL carries them, so a filtered view can be shared and Back undoes one.
  const seamChips = page.getByRole("group", { name: "Seam" });
  const probeChips = page.getByRole("group", { name: "Probe" });
  await seamChips.getByRole("link", { name: "Envelope toggled" }).click();
  await expect(page).toHaveURL(/\/audit\?seam=envelope\.toggled$/);
  await expect(seamChips.getByRole("link", { name: "Envelope toggled" })).toHaveAttribute("aria-current", "true");
  await probeChips.getByRole("link", { name: "Fly.io" }).click();
  await expect(page).toHaveURL(/\/audit\?seam=envelope\.toggled&probe=fly$/);
  await expect(probeChips.getByRole("link", { name: "Fly.io" })).toHaveAttribute("aria-current", "true");
  await expect(auditRows(page).filter({ hasText: reason })).toHaveCount(1);
  for (const item of await auditRows(page).all()) {
    await expect(item).toHaveAttribute("data-seam", "envelope.toggled");
    await expect(item).toHaveAttribute("data-probe", "fly");
  }
  await page.goBack();
  await expect(page).toHaveURL(/\/audit\?seam=envelope\.toggled$/);
  await expect(probeChips.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "true");
});

test("the reason box comes before the switch; a change without a reason is logged as such", async ({ page }) => {
  await page.setViewportSize(laptop);
  await page.goto("/settings");
  const fly = envelopeRow(page, "fly");
  const reasonBox = fly.getByLabel(/Reason for the change/);
  const toggle = envelopeSwitch(page, "fly");
  // The switch acts at once, so the reason has to be met (read, tabbed to, seen) before it.
  const reasonFirst = await reasonBox.evaluate(
    (box, other) => Boolean(box.compareDocumentPosition(other as Node) & Node.DOCUMENT_POSITION_FOLLOWING),
    await toggle.elementHandle(),
  );
  expect(reasonFirst).toBe(true);
  expect((await reasonBox.boundingBox())!.y).toBeLessThan((await toggle.boundingBox())!.y);
  await reasonBox.fill("screenshot of the reason box");
  await saveScreenshot(page, "settings-reason-first-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "settings-reason-first-phone");
  await page.setViewportSize(laptop);
  await reasonBox.fill("");

  await toggle.click();
  await expect(fly.getByTestId("envelope-state")).toHaveText("On");
  await page.goto("/audit?seam=envelope.toggled&probe=fly");
  const newest = auditRows(page).first();
  await expect(newest.locator("summary")).toHaveText("fly: off → on (no reason given)");
  await newest.locator("summary").click();
  // The stored fact stays "no reason": null, not the words shown for it.
  await expect(newest.locator("pre")).toContainText('"reason": null');
});

test("a none envelope cannot be turned on, even by a tampered page", async ({ page }) => {
  expect(countAuditRows("envelope.toggled", "supabase")).toBe(0);
  await page.goto("/settings");
  const supabase = envelopeRow(page, "supabase");
  await expect(supabase).toContainText(/Envelope:\s*None/);
  await expect(envelopeSwitch(page, "supabase")).toBeDisabled();
  await expect(envelopeSwitch(page, "supabase")).toHaveAccessibleDescription(/^No fix exists for Supabase: /);

  // What a forged request from the browser looks like: the disabled attribute removed, then a click.
  await envelopeSwitch(page, "supabase").evaluate((element) => element.removeAttribute("disabled"));
  await envelopeSwitch(page, "supabase").click();
  await expect(supabase.getByRole("alert")).toContainText("Supabase has no fix envelope");
  await expect(envelopeSwitch(page, "supabase")).not.toBeChecked();
  await expect(supabase.getByTestId("envelope-state")).toHaveText("Off");

  expect(countAuditRows("envelope.toggled", "supabase")).toBe(0);
  await page.goto("/audit?seam=envelope.toggled&probe=supabase");
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await page.goto("/settings");
  await expect(envelopeSwitch(page, "supabase")).toBeDisabled();
  await expect(envelopeSwitch(page, "supabase")).not.toBeChecked();
  await expect(supabase.getByTestId("envelope-state")).toHaveText("Off");
  await expect(supabase.getByTestId("envelope-last-changed")).toHaveText("Never changed");
});

test("an open incident shows on its card and links to its session in the audit log", async ({ page, request }) => {
  await controlSimulator("reset");
  await controlSimulator("scenario", { name: "fly-machine-fails" });
  try {
    await runCronCycle(request);
    await page.goto("/");
    const banner = page.locator('article[data-probe="fly"]').getByTestId("open-incident");
    await expect(banner).toBeVisible();
    await expect(banner.locator("[data-severity]")).toHaveText("Warning");
    await expect(banner).toContainText(/Incident open for (under a minute|\d+ min)/);
    const sessionId = await banner.getAttribute("data-session-id");
    expect(sessionId).toBeTruthy();

    await banner.getByRole("link", { name: /View incident/ }).click();
    await expect(page).toHaveURL(`/investigations/${sessionId ?? ""}`);
    await page.getByRole("link", { name: "Audit rows for this session" }).click();
    await expect(page).toHaveURL(`/audit?session=${encodeURIComponent(sessionId ?? "")}`);
    await expect(page.getByTestId("session-filter")).toContainText(sessionId ?? "");
    // The session's rows: its wake, and (the investigation runs after the cycle) whatever followed it.
    await expect(auditRows(page).and(page.locator('[data-seam="probe.wake_requested"]')).first()).toBeVisible();
    for (const item of await auditRows(page).all()) await expect(item).toContainText(sessionId ?? "");
    await page.getByRole("link", { name: "Remove the session filter" }).click();
    await expect(page).toHaveURL(/\/audit$/);
  } finally {
    // Resolve the incident (two healthy cycles: the recovery threshold) so later tests see a healthy fly card.
    await controlSimulator("reset");
    await controlSimulator("scenario", { name: "all-healthy" });
    await runCronCycle(request);
    await runCronCycle(request);
  }
  await page.goto("/");
  await expect(page.locator('article[data-probe="fly"]').getByTestId("open-incident")).toHaveCount(0);
});
