import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { scriptRestart, scriptFindings } from "../../simulator/anthropic-script";
import { controlSimulator, findFailedMachine, laptop, phone, runCronCycle, setFlyEnvelope } from "./harness";
import { simulatorControl } from "./ports";

// The investigation pages against the simulator: a Fly outage's timeline filling in live from the wake
// to the resolution, the list's filter chips, and 404s for unknown or malformed session ids. The suite
// shares one database (serve.ts), so each test opens its own incident, resolves it with two healthy cycles (the recovery threshold)
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

/** Two healthy cycles: the recovery threshold. */
async function resolveIncidents(request: APIRequestContext): Promise<void> {
  await controlSimulator("reset");
  await controlSimulator("scenario", { name: "all-healthy" });
  await runCronCycle(request);
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

interface ReceivedDm {
  channel: string;
  text: string;
  blocks: unknown[] | null;
  threadTs: string | null;
  ts: string;
}

/** The incident's DM and its thread replies as the simulated Slack received them, written to a text file. */
async function saveDm(sessionId: string, name: string): Promise<ReceivedDm> {
  const messages = (await (await fetch(`${simulatorControl}/slack/messages`)).json()) as ReceivedDm[];
  const dm = messages.find((m) => m.threadTs === null && m.text.includes(sessionId));
  if (!dm) throw new Error(`the simulated Slack received no DM for ${sessionId}`);
  const replies = messages.filter((m) => m.threadTs === dm.ts);
  const show = (m: ReceivedDm, heading: string) => [`── ${heading} (channel ${m.channel}, ts ${m.ts}) ──`, "text:", m.text, "", "blocks:", JSON.stringify(m.blocks, null, 2), ""];
  const lines = [...show(dm, `DM for ${sessionId}`), ...replies.flatMap((r) => show(r, "reply in its thread"))];
  fs.mkdirSync(screenshots, { recursive: true });
  fs.writeFileSync(`${screenshots}/${name}.txt`, lines.join("\n"));
  return dm;
}

/**
 * A Fly machine fails as in `npm run demo`, with the demo's scripted model (it asks for a restart, then
 * files its findings); returns the incident's session id once its DM is on the timeline.
 */
async function openDemoFlyIncident(page: Page, request: APIRequestContext, replies?: (app: string, machineId: string) => unknown[]) {
  await controlSimulator("scenario", { name: "fly-machine-fails" });
  const { app, machineId } = await findFailedMachine();
  await openFlyIncident(request, replies ? replies(app, machineId) : scriptRestart(app, machineId));
  await page.setViewportSize(laptop);
  await page.goto("/");
  const sessionId = (await page.locator('article[data-probe="fly"]').getByTestId("open-incident").getAttribute("data-session-id")) ?? "";
  expect(sessionId).toMatch(/^probe:fly:service_degraded:/);
  await page.goto(`/investigations/${sessionId}`);
  await expect.poll(async () => (await entryHeadings(page)).includes("Slack DM sent"), { timeout: 30_000 }).toBe(true);
  return { sessionId, app, machineId };
}

test("a restarted Fly incident: Lookout did the restart, Claude thinks apart, in the timeline and the DM", async ({ page, request }) => {
  await setFlyEnvelope(page, true);
  const { sessionId, app, machineId } = await openDemoFlyIncident(page, request);
  const did = `Restarted machine ${machineId} in ${app} (Fly envelope).`;
  const investigation = entry(page, "investigation");
  await expect(investigation.locator('[data-part="lookout-did"] li')).toHaveText([did]);
  await expect(investigation.locator('[data-part="analysis"]')).toContainText("Claude thinks");
  await expect(investigation.locator('[data-claim-check="claim_mismatch"]')).toHaveCount(0);
  await expect(entry(page, "autofix")).toHaveCount(2);
  // The restarted machine is healthy at the next cycles: after two (the recovery threshold) the incident resolves.
  await runCronCycle(request);
  await runCronCycle(request);
  await expect(entry(page, "resolved")).toContainText(/Incident resolved after/);
  await expect(page.getByText("Live: new steps appear here")).toHaveCount(0);
  await saveScreenshot(page, "timeline-fly-restarted");

  const dm = await saveDm(sessionId, "dm-fly-restarted");
  expect(dm.text).toContain(`Lookout did:\n- ${did}`);
  expect(JSON.stringify(dm.blocks)).toContain(did);
  expect(dm.text).not.toMatch(/claim mismatch/i);
});

test("a Fly incident with the envelope off: no restart, and the timeline and DM say plainly why", async ({ page, request }) => {
  await setFlyEnvelope(page, false);
  const { sessionId } = await openDemoFlyIncident(page, request);
  const why = "Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted.";
  const investigation = entry(page, "investigation");
  await expect(investigation.locator('[data-part="lookout-did"] li')).toHaveText([why]);
  await expect(investigation.locator('[data-part="analysis"]')).toContainText("Claude thinks");
  await expect(investigation.locator('[data-claim-check="claim_mismatch"]')).toHaveCount(0);
  await expect(entry(page, "autofix")).toHaveCount(0);
  await expect(page.getByTestId("incident-state")).toContainText("Open for");
  await saveScreenshot(page, "timeline-fly-not-restarted");

  const dm = await saveDm(sessionId, "dm-fly-not-restarted");
  expect(dm.text).toContain(`Lookout did:\n- ${why}`);
  expect(JSON.stringify(dm.blocks)).toContain(why);
});

test("a model that claims a restart nobody made: the claim is removed and the mismatch flagged, readably", async ({ page, request }) => {
  await setFlyEnvelope(page, false);
  const { sessionId, app, machineId } = await openDemoFlyIncident(page, request, (a, m) =>
    scriptFindings(
      {
        what_is_wrong: `Machine ${m} in ${a} failed its health check. I restarted machine ${m} and it is healthy again.`,
        likely_cause: "Its process stopped answering the check.",
        next_steps: ["Watch the machine for a repeat."],
        confidence: "high",
      },
      { key: "fly" },
    ),
  );
  const investigation = entry(page, "investigation");
  const flag = investigation.locator('[data-claim-check="claim_mismatch"]');
  await expect(flag).toContainText("Claim mismatch: Claude claimed a restart, but Lookout's records show no restart attempt in this incident");
  await expect(investigation.locator('[data-part="analysis"]')).not.toContainText("I restarted");
  await expect(investigation.locator('[data-part="analysis"]')).toContainText(`Machine ${machineId} in ${app} failed its health check.`);
  await expect(investigation.locator("h3")).toHaveClass(/text-red-800/);
  await saveScreenshot(page, "timeline-fly-claim-mismatch");
  const dm = await saveDm(sessionId, "dm-fly-claim-mismatch");
  expect(dm.text).toMatch(/Claim mismatch: Claude claimed a restart/);
  expect(dm.text).not.toContain("I restarted");
});

test("a DM Slack refuses for good: said under the top bar of every page and on the incident's timeline", async ({ page, request }) => {
  await controlSimulator("slack/fail-next", { method: "chat.postMessage", error: "token_revoked", times: 1 });
  await openFlyIncident(request);
  await page.setViewportSize(laptop);
  await page.goto("/");
  const sessionId = (await page.locator('article[data-probe="fly"]').getByTestId("open-incident").getAttribute("data-session-id")) ?? "";
  await expect
    .poll(async () => ((await (await request.get(`/api/investigations/${sessionId}`)).json()) as { incident: { dmStatus: string | null } }).incident.dmStatus)
    .toBe("failed_send");

  await page.goto("/settings");
  const banner = page.getByTestId("undelivered-dms");
  await expect(banner).toContainText("could not be delivered: the Slack token was revoked.");
  await page.goto("/");
  await expect(banner).toContainText("the Slack token was revoked");
  await saveScreenshot(page, "undelivered-dm-banner");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "undelivered-dm-banner-phone");
  await page.setViewportSize(laptop);
  await banner.getByRole("link", { name: "View incident" }).click();
  await expect(page).toHaveURL(/\/investigations\/probe/);
  const dm = entry(page, "dm");
  await expect(dm.locator("h3")).toHaveText("Slack DM not delivered (token_revoked)");
  await expect(dm.getByTestId("dm-failure")).toHaveText("the Slack token was revoked");
  await saveScreenshot(page, "timeline-undelivered-dm");
  await page.setViewportSize(phone);
  await saveScreenshot(page, "timeline-undelivered-dm-phone");
});
