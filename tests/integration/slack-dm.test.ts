import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sessionHref } from "@/lib/incidents/session-href";
import { sendInvestigationDm, sendResolutionDm } from "@/lib/slack/send-dm";
import type { InvestigationReport } from "@/lib/investigate/investigation-report";
import type { InvestigationDm } from "@/lib/slack/types";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// The operator DM against the simulator's Slack Web API: threading, idempotency and each failure path.

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
    const actions = message?.blocks?.find((b) => b.type === "actions") as { elements: { url: string }[] } | undefined;
    expect(actions?.elements[0]?.url).toBe(`${publicUrl}${sessionHref(dm.sessionId)}`);

    const stored = await row(`investigation:${dm.wakeId}`);
    expect(stored).toMatchObject({ sessionId: dm.sessionId, kind: "investigation", status: "sent", channel: result.channel, ts: result.ts, threadTs: null, attempts: 1, errorCode: null });
    expect(stored.text).toBe(message?.text);
  });

  it("links to the port the server listens on when only PORT is set", async () => {
    const dm = investigation();
    await sendInvestigationDm(dm, { db, env: simulatedEnv(simulator().url, { PORT: "4123" }) });
    const actions = messages()[0]?.blocks?.find((b) => b.type === "actions") as { elements: { url: string }[] } | undefined;
    expect(actions?.elements[0]?.url).toBe(`http://localhost:4123${sessionHref(dm.sessionId)}`);
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

  it("ok:false: failed_send with Slack's code, no retry, nothing delivered", async () => {
    simulator().state.slack.failNext = { method: "chat.postMessage", error: "channel_not_found" };
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env() });
    expect(result).toMatchObject({ status: "failed_send", errorCode: "channel_not_found", ts: null, alreadySent: false });
    expect(messages()).toHaveLength(0);
    expect(slackRequests().filter((r) => r.path.endsWith("chat.postMessage"))).toHaveLength(1);
    expect(await row(`investigation:${dm.wakeId}`)).toMatchObject({ status: "failed_send", errorCode: "channel_not_found", attempts: 1 });
  });

  it("429 with a short Retry-After: waits, retries and delivers exactly once", async () => {
    simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 1, times: 1 });
    const dm = investigation();
    const started = Date.now();
    const result = await sendInvestigationDm(dm, { db, env: env() });
    expect(result.status).toBe("sent");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(messages()).toHaveLength(1);
    expect(await row(`investigation:${dm.wakeId}`)).toMatchObject({ status: "sent", attempts: 2, errorCode: null });
  });

  it("429 with a long Retry-After: failed_send ratelimited without waiting", async () => {
    simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 30 });
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env() });
    expect(result).toMatchObject({ status: "failed_send", errorCode: "ratelimited" });
    expect(slackRequests()).toHaveLength(1);
    expect(await row(`investigation:${dm.wakeId}`)).toMatchObject({ status: "failed_send", errorCode: "ratelimited", attempts: 1 });
  });

  it("a 500 is retried once", async () => {
    simulator().setFault("slack", { kind: "status", status: 500, times: 1 });
    const once = investigation();
    expect(await sendInvestigationDm(once, { db, env: env() })).toMatchObject({ status: "sent" });
    expect((await row(`investigation:${once.wakeId}`)).attempts).toBe(2);

    simulator().setFault("slack", { kind: "status", status: 500 });
    const always = investigation();
    expect(await sendInvestigationDm(always, { db, env: env() })).toMatchObject({ status: "failed_send", errorCode: "http_error" });
    expect(await row(`investigation:${always.wakeId}`)).toMatchObject({ status: "failed_send", attempts: 2 });
    expect(messages()).toHaveLength(1);
  });

  it("a timeout is not retried (Slack may have posted); a later call sends it exactly once", async () => {
    simulator().setFault("slack", { kind: "hang" });
    const dm = investigation();
    const timedOut = await sendInvestigationDm(dm, { db, env: env({ SLACK_TIMEOUT_MS: "300" }) });
    expect(timedOut).toMatchObject({ status: "failed_send", errorCode: "timeout" });
    expect(slackRequests()).toHaveLength(1);

    simulator().setFault("slack", null);
    const later = await sendInvestigationDm(dm, { db, env: env({ SLACK_TIMEOUT_MS: "300" }) });
    expect(later).toMatchObject({ status: "sent", alreadySent: false });
    expect(messages()).toHaveLength(1);
    expect(await row(`investigation:${dm.wakeId}`)).toMatchObject({ status: "sent", errorCode: null, attempts: 2 });
  });

  it("without Slack configured: failed_send slack_not_configured, no request, the text kept", async () => {
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env({ SLACK_BOT_TOKEN: "" }) });
    expect(result).toEqual({ status: "failed_send", errorCode: "slack_not_configured", channel: null, ts: null, alreadySent: false });
    expect(slackRequests()).toHaveLength(0);
    const stored = await row(`investigation:${dm.wakeId}`);
    expect(stored).toMatchObject({ status: "failed_send", errorCode: "slack_not_configured", attempts: 1 });
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
