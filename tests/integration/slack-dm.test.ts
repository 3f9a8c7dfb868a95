import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sessionHref } from "@/lib/incidents/session-href";
import { sendInvestigationDm, sendResolutionDm } from "@/lib/slack/send-dm";
import type { InvestigationReport } from "@/lib/investigate/investigation-report";
import type { InvestigationDm } from "@/lib/slack/types";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// The operator DM against the simulator's Slack Web API: threading, idempotency, links and redaction.
// Failures, retries and crash recovery are in slack-outbox.test.ts.

const simulator = withSimulator();
const publicUrl = "https://lookout.test";
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { LOOKOUT_PUBLIC_URL: publicUrl, ...overrides });

beforeEach(() => simulator().reset());

const report = (whatIsWrong: string): InvestigationReport => ({
  lookoutDid: ["Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted."],
  analysis: { format: "report", whatIsWrong, likelyCause: "An OOM kill.", nextSteps: ["Restart it from the Fly dashboard."], confidence: "medium" },
  claimCheck: "passed",
  claimMismatch: null,
});

function investigation(overrides: Partial<InvestigationDm> = {}): InvestigationDm {
  return {
    sessionId: `probe:fly:machine_down:${randomUUID()}`,
    wakeId: randomUUID(),
    probe: "fly",
    severity: "critical",
    title: "Fly machine stopped",
    report: report("Machine 148e stopped after an OOM kill."),
    engine: "claude",
    ...overrides,
  };
}

const messages = () => simulator().state.slack.messages;
const slackRequests = () => simulator().requests().filter((r) => r.vendor === "slack");
const row = (dedupeKey: string) => db.dmMessage.findUniqueOrThrow({ where: { dedupeKey } });

describe("sendInvestigationDm", () => {
  it("DMs the operator once, stores the row and links the button to the session's timeline", async () => {
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env() });

    expect(result).toMatchObject({ status: "sent", errorCode: null, alreadySent: false });
    expect(messages()).toHaveLength(1);
    const [message] = messages();
    expect(message).toMatchObject({ channel: result.channel, ts: result.ts, threadTs: null });
    const actions = message?.blocks?.find((b) => b.type === "actions") as { elements: { action_id: string; url?: string }[] } | undefined;
    expect(actions?.elements.find((e) => e.action_id === "open_timeline")?.url).toBe(`${publicUrl}${sessionHref(dm.sessionId)}`);

    const stored = await row(`investigation:${dm.wakeId}`);
    expect(stored).toMatchObject({ sessionId: dm.sessionId, kind: "investigation", status: "sent", channel: result.channel, ts: result.ts, threadTs: null, attempts: 1, errorCode: null });
    expect(stored.text).toBe(message?.text);
  });

  it("links to the port the server listens on when only PORT is set", async () => {
    const dm = investigation();
    await sendInvestigationDm(dm, { db, env: simulatedEnv(simulator().url, { PORT: "4123" }) });
    const actions = messages()[0]?.blocks?.find((b) => b.type === "actions") as { elements: { action_id: string; url?: string }[] } | undefined;
    expect(actions?.elements.find((e) => e.action_id === "open_timeline")?.url).toBe(`http://localhost:4123${sessionHref(dm.sessionId)}`);
  });

  it("sends nothing the second time for the same wake", async () => {
    const dm = investigation();
    const first = await sendInvestigationDm(dm, { db, env: env() });
    const again = await sendInvestigationDm(dm, { db, env: env() });
    expect(again).toEqual({ ...first, alreadySent: true });
    expect(messages()).toHaveLength(1);
    expect((await row(`investigation:${dm.wakeId}`)).attempts).toBe(1);
  });

  it("threads a second investigation and the resolution under the session's first DM", async () => {
    const first = investigation();
    const parent = await sendInvestigationDm(first, { db, env: env() });
    const second = await sendInvestigationDm({ ...first, wakeId: randomUUID(), report: report("It stopped again.") }, { db, env: env() });
    const resolved = await sendResolutionDm({ sessionId: first.sessionId, probe: "fly", title: first.title, durationS: 12 * 60 }, { db, env: env() });

    expect([second.status, resolved.status]).toEqual(["sent", "sent"]);
    expect(messages().map((m) => m.threadTs)).toEqual([null, parent.ts, parent.ts]);
    expect(messages()[2]?.text).toMatch(/^Resolved: Fly machine stopped after 12 min\n/);
    const broadcast = slackRequests().filter((r) => r.path.endsWith("chat.postMessage")).map((r) => new URLSearchParams(r.body).get("reply_broadcast"));
    expect(broadcast).toEqual([null, null, "false"]);
    expect(await row(`resolution:${first.sessionId}`)).toMatchObject({ kind: "resolution", status: "sent", threadTs: parent.ts });
  });

  it("posts a resolution top-level when the session never reached Slack", async () => {
    const sessionId = `probe:vercel:error_rate:${randomUUID()}`;
    const result = await sendResolutionDm({ sessionId, probe: "vercel", title: "Vercel errors", durationS: 300 }, { db, env: env() });
    expect(result.status).toBe("sent");
    expect(messages()[0]?.threadTs).toBeNull();
  });

  it("without Slack configured: failed slack_not_configured, no request, the text kept", async () => {
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env({ SLACK_BOT_TOKEN: "" }) });
    expect(result).toEqual({ status: "failed", errorCode: "slack_not_configured", channel: null, ts: null, alreadySent: false });
    expect(slackRequests()).toHaveLength(0);
    const stored = await row(`investigation:${dm.wakeId}`);
    expect(stored).toMatchObject({ status: "failed", errorCode: "slack_not_configured", attempts: 1, failureReason: expect.stringMatching(/Slack is not configured/) });
    expect(stored.text).toContain("Machine 148e stopped after an OOM kill.");
    expect(stored.text).toContain("Lookout did:");
  });

  it("a configured credential in the summary never reaches Slack or the stored row", async () => {
    const credential = "plain-credential-7f3a9c21e4";
    const dm = investigation({ report: report(`Doppler answered 401 for token ${credential}.`) });
    const result = await sendInvestigationDm(dm, { db, env: env({ DOPPLER_TOKEN: credential }) });
    expect(result.status).toBe("sent");
    expect(JSON.stringify(messages())).not.toContain(credential);
    expect(slackRequests().map((r) => r.body).join("\n")).not.toContain(credential);
    const stored = await row(`investigation:${dm.wakeId}`);
    expect(stored.text).not.toContain(credential);
    expect(stored.text).toContain("[redacted]");
  });
});
