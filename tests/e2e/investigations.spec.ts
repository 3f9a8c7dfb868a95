import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { controlSimulator, findFailedMachine, laptop, phone, runCronCycle, setFlyEnvelope } from "./harness";

// The investigation pages against the simulator: a Fly outage's timeline filling in live from the wake
// to the resolution, the list's filter chips, and 404s for unknown or malformed session ids. The suite
// shares one database (serve.ts), so each test opens its own incident, resolves it with a healthy cycle
// and puts the fly envelope back OFF, whatever ran before it.

const screenshots = "test-results/screenshots";

async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  // Transitions disabled: a chip clicked just before would otherwise be caught mid-fade.
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true, animations: "disabled" });
}

/** Breaks a Fly machine and runs a cycle: an incident opens and the consumer investigates it after the response. */
async function openFlyIncident(request: APIRequestContext, replies?: unknown[]): Promise<void> {
  await controlSimulator("scenario", { name: "fly-machine-fails" });
  if (replies) await controlSimulator("anthropic/script", { replies });
  await runCronCycle(request);
}

async function resolveIncidents(request: APIRequestContext): Promise<void> {
  await controlSimulator("reset");
  await controlSimulator("scenario", { name: "all-healthy" });
  await runCronCycle(request);
}

const timelineItems = (page: Page) => page.getByRole("list", { name: "Timeline, oldest first" }).locator(":scope > li");
const entry = (page: Page, kind: string) => timelineItems(page).and(page.locator(`[data-kind="${kind}"]`));

/** The headings of the timeline's entries, in the order the page shows them. */
async function entryHeadings(page: Page): Promise<string[]> {
  return (await timelineItems(page).locator("h3").allTextContents()).map((t) => t.trim());
}

// A healthy cycle first: an incident another spec left open would otherwise absorb this test's wake.
test.beforeEach(async ({ request }) => {
  await resolveIncidents(request);
});

test.afterEach(async ({ page, request }) => {
  await resolveIncidents(request);
  await setFlyEnvelope(page, false);
});

test("a Fly outage's timeline fills in live, from the wake to the resolution", async ({ page, request }) => {
  await setFlyEnvelope(page, true);
  await controlSimulator("scenario", { name: "fly-machine-fails" });
  const { app, machineId } = await findFailedMachine();
  // Keyed to the fly probe: no other investigation the server runs meanwhile can take these replies.
  await openFlyIncident(request, [
    { key: "fly", content: [{ type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId, reason: "failed machine" } }] },
    {
      key: "fly",
      content: [
        {
          type: "tool_use",
          name: "report_findings",
          input: {
            what_is_wrong: "The machine failed its health check.",
            likely_cause: "Its process stopped answering the check.",
            next_steps: [`Watch machine ${machineId} in ${app} for a repeat.`, "Read its logs around the failure."],
            confidence: "medium",
          },
        },
      ],
    },
  ]);

  await page.setViewportSize(laptop);
  await page.goto("/");
  const banner = page.locator('article[data-probe="fly"]').getByTestId("open-incident");
  const sessionId = (await banner.getAttribute("data-session-id")) ?? "";
  expect(sessionId).toMatch(/^probe:fly:service_degraded:/);
  await banner.getByRole("link", { name: /View incident/ }).click();
  await expect(page).toHaveURL(`/investigations/${sessionId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Fly.io machines are unhealthy" })).toBeVisible();
  await expect(page.getByTestId("incident-state")).toContainText("Open for");

  // The consumer runs after the cron response: the page polls until every step is there.
  const steps = ["Wake requested", "Autofix succeeded", "Investigation completed", "Slack DM sent"];
  await expect.poll(async () => (await entryHeadings(page)).filter((h) => steps.includes(h)), { timeout: 30_000 }).toEqual(steps);
  await expect(entry(page, "autofix").filter({ hasText: "Autofix succeeded" })).toContainText(machineId);
  const investigation = entry(page, "investigation");
  await expect(investigation).toContainText(/Model\s*claude-/);
  await expect(investigation).toContainText(/Cost\s*\$0\.\d{4}/);
  // What Lookout did, from its records, apart from what Claude thinks; the next steps are a list.
  await expect(investigation.locator('[data-part="lookout-did"]')).toContainText(`Restarted machine ${machineId} in ${app}`);
  const analysis = investigation.locator('[data-part="analysis"]');
  await expect(analysis).toContainText("Claude thinks");
  await expect(analysis).toContainText("The machine failed its health check.");
  await expect(analysis.getByRole("listitem").filter({ hasText: `Watch machine ${machineId} in ${app} for a repeat.` })).toBeVisible();
  await expect(investigation.locator('[data-claim-check="claim_mismatch"]')).toHaveCount(0);
  await expect(entry(page, "dm").first()).toContainText("Open in Slack");

  // Each step has a permalink to its own anchor.
  const firstId = await timelineItems(page).first().getAttribute("id");
  await expect(timelineItems(page).first().getByRole("link", { name: /Link to this step/ })).toHaveAttribute("href", `#${firstId}`);
  await expect(page.getByRole("link", { name: "Audit rows for this session" })).toHaveAttribute("href", `/audit?session=${encodeURIComponent(sessionId)}`);
  await expect(page.getByRole("link", { name: "Fly.io history on the dashboard" })).toHaveAttribute("href", "/#probe-fly");
  await expect(page.getByRole("list", { name: "Fly.io snapshots, oldest first" }).locator('[data-marker="opened"]')).toHaveCount(1);

  // The marker survives only if the document is never reloaded; `load` fires only for a new document.
  await page.evaluate(() => Object.assign(window, { lookoutE2eMarker: "still-here" }));
  let documentLoads = 0;
  page.on("load", () => (documentLoads += 1));

  await resolveIncidents(request);
  await expect(entry(page, "resolved")).toContainText(/Incident resolved after/);
  await expect(page.getByTestId("incident-state")).toContainText("Resolved after");
  await expect(page.getByRole("list", { name: "Fly.io snapshots, oldest first" }).locator('[data-marker="resolved"]')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { lookoutE2eMarker?: string }).lookoutE2eMarker)).toBe("still-here");
  expect(documentLoads).toBe(0);

  await saveScreenshot(page, "timeline-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "timeline-phone");
});

test("the investigations list filters by DM status and probe through its chips", async ({ page, request }) => {
  await openFlyIncident(request);
  await page.setViewportSize(laptop);
  await page.goto("/");
  const sessionId = (await page.locator('article[data-probe="fly"]').getByTestId("open-incident").getAttribute("data-session-id")) ?? "";
  expect(sessionId).not.toBe("");
  // Wait until the consumer has investigated it and sent the DM.
  await expect
    .poll(async () => {
      const response = await request.get(`/api/investigations/${sessionId}`);
      return ((await response.json()) as { incident: { dmStatus: string | null } }).incident.dmStatus;
    })
    .toBe("sent");

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Investigations" }).click();
  await expect(page).toHaveURL(/\/investigations$/);
  await expect(page.getByRole("heading", { level: 1, name: "Investigations" })).toBeVisible();
  const row = page.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row).toContainText("Fly.io");
  await expect(row).toContainText("Open ·");
  await expect(row.locator("[data-dm-status]")).toHaveText("Sent");

  const dmChips = page.getByRole("group", { name: "DM status" });
  const probeChips = page.getByRole("group", { name: "Probe" });
  await dmChips.getByRole("link", { name: "Sent", exact: true }).click();
  await expect(page).toHaveURL(/\/investigations\?dm=sent$/);
  await expect(dmChips.getByRole("link", { name: "Sent", exact: true })).toHaveAttribute("aria-current", "true");
  await probeChips.getByRole("link", { name: "Fly.io" }).click();
  await expect(page).toHaveURL(/\/investigations\?probe=fly&dm=sent$/);
  await expect(probeChips.getByRole("link", { name: "Fly.io" })).toHaveAttribute("aria-current", "true");
  await expect(row).toBeVisible();
  for (const item of await page.locator("tbody tr").all()) {
    await expect(item).toHaveAttribute("data-probe", "fly");
    await expect(item.locator("[data-dm-status]")).toHaveAttribute("data-dm-status", "sent");
  }
  await saveScreenshot(page, "investigations-laptop");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "investigations-phone");
  await page.setViewportSize(laptop);

  await probeChips.getByRole("link", { name: "Doppler" }).click();
  await expect(page).toHaveURL(/\/investigations\?probe=doppler&dm=sent$/);
  await expect(page.getByRole("heading", { name: "No incidents match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/investigations$/);
  await expect(row).toBeVisible();

  await row.getByRole("link").click();
  await expect(page).toHaveURL(`/investigations/${sessionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The audit log's session links lead to the same timeline.
  await page.goto(`/audit?session=${encodeURIComponent(sessionId)}`);
  await page.getByRole("link", { name: sessionId }).first().click();
  await expect(page).toHaveURL(`/investigations/${sessionId}`);
});

test("unknown and malformed session ids are a 404, not an error", async ({ page, request }) => {
  for (const path of ["/investigations/probe:fly:service_degraded:zzzzzz000000", "/investigations/%E0%A4%A", "/investigations/not-a-session"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await expect(page.getByRole("heading", { name: "No such incident" })).toBeVisible();
  for (const path of ["/api/investigations/probe:fly:service_degraded:zzzzzz000000", "/api/investigations/%E0%A4%A", "/api/investigations/not-a-session"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  }
});
