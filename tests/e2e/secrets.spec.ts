import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { leakCanaries, listLeakNeedles } from "../../simulator/leak";
import { simulatorCredentials } from "../../simulator/state";
import { controlSimulator, findFailedMachine, runCronCycle, setFlyEnvelope } from "./harness";
import { E2E_CRON_SECRET, E2E_OPERATOR_PASSWORD, E2E_SERVER_LOG, simulatorControl } from "./ports";

// A whole demo story against the running server, every vendor, Slack and Anthropic configured with
// distinctive fake credentials and the simulator in leak mode, so every answer echoes them along with
// token-shaped canaries: outages with an autofix, investigations and DMs, a refused DM, vendor faults,
// the resolutions. Then every place a secret could leak is searched for every one of them.

const sessionKey = () => fs.readFileSync("data/lookout-session.key", "utf8").trim();
const secrets = () =>
  [...listLeakNeedles(simulatorCredentials), E2E_CRON_SECRET, E2E_OPERATOR_PASSWORD, sessionKey()].filter((v): v is string => typeof v === "string" && v.length >= 8);
/** What a model would write if it repeated everything it was ever sent. */
const echoAll = [...Object.values(simulatorCredentials), ...leakCanaries.map((c) => c.text)].join(" ");
const bearerCanary = leakCanaries.find((c) => c.text.startsWith("Bearer "))!.text;

async function json<T>(path: string): Promise<T> {
  const response = await fetch(`${simulatorControl}/${path}`);
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

// The server is shared with the other specs, which expect a simulator that echoes nothing.
test.afterEach(async () => {
  await controlSimulator("leak", { on: false });
});

test("after a full demo story in which every vendor echoes secrets, none is in the database, the server log, a page, a prompt or a Slack message", async ({ page, request }) => {
  test.setTimeout(120_000);
  await controlSimulator("reset");
  await controlSimulator("leak", { on: true });
  await runCronCycle(request);
  await fetch(`${simulatorControl}/requests`, { method: "DELETE" });
  const slackBefore = (await json<unknown[]>("slack/messages")).length;

  // A failed Fly machine, restarted by the envelope the operator switched on.
  await setFlyEnvelope(page, true);
  await controlSimulator("scenario", { name: "fly-machine-fails" });
  const { app, machineId } = await findFailedMachine();
  await controlSimulator("anthropic/script", {
    replies: [
      {
        key: "fly",
        content: [
          { type: "text", text: `The check output quotes ${echoAll}` },
          { type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId, reason: `failed machine; it quoted ${simulatorCredentials.flyApiToken} and ${bearerCanary}` } },
        ],
      },
      {
        key: "fly",
        content: [
          {
            type: "tool_use",
            name: "report_findings",
            input: { what_is_wrong: `Machine ${machineId} in ${app} failed; it quoted ${echoAll}`, likely_cause: `A crash after ${simulatorCredentials.flyApiToken} changed.`, next_steps: [`Rotate ${simulatorCredentials.flyApiToken} and ${bearerCanary}`], confidence: "medium" },
          },
        ],
      },
    ],
  });
  await runCronCycle(request);
  await expect.poll(async () => (await json<unknown[]>("slack/messages")).length, { timeout: 30_000 }).toBeGreaterThan(slackBefore);

  // Every other vendor in trouble (Slack refusing one DM), then faults on the wire, then everything healthy again.
  await controlSimulator("slack/fail-next", { method: "chat.postMessage", error: "channel_not_found" });
  for (const name of ["vercel-errors-rise", "sentry-pileup", "secret-ages", "supabase-pressure", "supabase-down"]) {
    await controlSimulator("scenario", { name });
  }
  for (let i = 0; i < 3; i++) await runCronCycle(request);
  await controlSimulator("fault", { vendor: "doppler", fault: { kind: "status", status: 500 } });
  await controlSimulator("fault", { vendor: "vercel", fault: { kind: "rate_limit", retryAfterS: 9 } });
  await controlSimulator("fault", { vendor: "sentry", fault: { kind: "malformed" } });
  await controlSimulator("fault", { vendor: "fly", fault: { kind: "status", status: 503 } });
  await runCronCycle(request);
  await expect.poll(async () => (await json<unknown[]>("slack/messages")).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(slackBefore + 4);
  // A reset also empties the simulator's request log: keep what it recorded so far.
  type Sent = { vendor: string | null; path: string; body: string };
  const sentBeforeReset = await json<Sent[]>("requests");
  const slackBeforeReset = await json<unknown[]>("slack/messages");
  await controlSimulator("reset");
  await controlSimulator("leak", { on: true });
  await controlSimulator("scenario", { name: "all-healthy" });
  await runCronCycle(request);
  await setFlyEnvelope(page, false);

  // Every page the operator can open, every JSON route, every timeline of the story.
  const rendered: [string, string][] = [];
  await page.goto("/investigations");
  const timelines = await page.locator('a[href^="/investigations/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!))]);
  expect(timelines.length).toBeGreaterThanOrEqual(4);
  const auditSeams = ["probe.wake_requested", "tool.probe_autofix_attempted", "probe.investigation_completed", "probe.incident_resolved", "envelope.toggled", "operator.signed_in"];
  for (const path of ["/", "/investigations", "/settings", "/audit", ...auditSeams.map((s) => `/audit?seam=${s}`), ...timelines]) {
    await page.goto(path);
    rendered.push([path, await page.content()]);
  }
  for (const path of ["/api/dashboard", ...timelines.map((t) => `/api${t}`)]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    rendered.push([path, await response.text()]);
  }

  const sent = [...sentBeforeReset, ...(await json<Sent[]>("requests"))];
  const prompts = sent.filter((r) => r.vendor === "anthropic").map((r) => r.body);
  const slackBodies = sent.filter((r) => r.vendor === "slack").map((r) => r.body);
  const slackMessages = JSON.stringify([...slackBeforeReset, ...(await json<unknown[]>("slack/messages"))]);
  expect(prompts.length, "investigations ran").toBeGreaterThanOrEqual(3);
  expect(slackBodies.length, "DMs were sent").toBeGreaterThanOrEqual(4);
  expect(sent.some((r) => r.vendor === "fly" && r.path.endsWith(`/machines/${machineId}/restart`)), "the autofix ran").toBe(true);

  // WAL mode: recent writes live in the -wal file until a checkpoint, so both are read.
  const database = Buffer.concat(["data/e2e.db", "data/e2e.db-wal"].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  const serverLog = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  expect(serverLog, "the server log is being captured").toContain("signed in from");

  const places: [string, string | Buffer][] = [
    ["the SQLite file", database],
    ["the server log", serverLog],
    ...rendered,
    ...prompts.map((body, i): [string, string] => [`prompt ${i + 1}`, body]),
    ...slackBodies.map((body, i): [string, string] => [`Slack request ${i + 1}`, body]),
    ["the Slack messages received", slackMessages],
  ];
  const values = secrets();
  expect(values.length).toBeGreaterThanOrEqual(22);
  const leaks = places.flatMap(([place, content]) => {
    const found = values.filter((secret) => content.includes(secret));
    return found.length ? [`${place}: ${found.map((secret) => `${secret.slice(0, 10)}…`).join(" ")}`] : [];
  });
  expect(leaks).toEqual([]);
  // Proof the echoes reached Lookout and were masked on the way through, not merely never sent.
  expect(slackBodies.some((b) => b.includes("%5Bredacted%5D")), "the echoes reached the DMs, masked").toBe(true);
  // Slack's refusal came back echoing secrets after its code: only the code was kept, and logged in words.
  expect(serverLog, "Slack's refusal was logged by its code alone").toContain("failed: the operator's DM channel was not found");
});
