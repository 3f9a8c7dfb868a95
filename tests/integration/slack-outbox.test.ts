import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { InvestigationReport } from "@/lib/investigate/investigation-report";
import { drainOutbox } from "@/lib/slack/drain-outbox";
import { getUndeliveredDms } from "@/lib/slack/get-undelivered-dms";
import { queueDmUpdate } from "@/lib/slack/queue-dm-update";
import { sendInvestigationDm } from "@/lib/slack/send-dm";
import type { InvestigationDm } from "@/lib/slack/types";
import { notifyResolutions } from "@/lib/wake/notify-resolutions";
import type { Fault } from "@/simulator/faults";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// The outbox against the simulator's Slack: every transient failure is retried until delivered, every
// permanent one stops at once and is shown, a message that may have posted is looked for before it is
// posted again, and nothing ever reaches Slack twice (asserted on the simulator's own message list).

const simulator = withSimulator();
// LOOKOUT_LEASE_SECONDS' default: how long a crashed delivery holds its message.
const DM_LEASE_MS = 30_000;
// Short client timeout so a hang costs a fraction of a second.
const env = (overrides: Record<string, string> = {}) => simulatedEnv(simulator().url, { SLACK_TIMEOUT_MS: "400", ...overrides });

beforeEach(async () => {
  simulator().reset();
  await db.dmMessage.deleteMany();
  await db.incident.deleteMany();
});

const report: InvestigationReport = {
  lookoutDid: ["Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted."],
  analysis: { format: "report", whatIsWrong: "Machine 148e stopped.", likelyCause: "An OOM kill.", nextSteps: ["Raise the memory."], confidence: "medium" },
  claimCheck: "passed",
  claimMismatch: null,
};

function investigation(): InvestigationDm {
  return { sessionId: `probe:fly:service_unhealthy:${randomUUID()}`, wakeId: randomUUID(), probe: "fly", severity: "critical", title: "Fly machine stopped", report, engine: "claude" };
}

// The test's clock starts at the real time: Slack's ts (and the history window Lookout reads) come from it.
const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const clock = (ms: number) => at(ms)().toISOString().slice(11, 16);
const at = (ms: number) => () => new Date(t0.getTime() + ms);
const messages = () => simulator().state.slack.messages;
const calls = (method: string) => simulator().requests().filter((r) => r.vendor === "slack" && r.path.endsWith(method)).length;
const row = (dm: InvestigationDm) => db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: `investigation:${dm.wakeId}` } });
const deliveries = async (dm: InvestigationDm) =>
  (await db.auditEvent.findMany({ where: { seam: "slack.dm_delivery", sessionId: dm.sessionId } })).map((r) => JSON.parse(r.details) as Record<string, unknown>);

describe("transient failures are retried from the outbox until Slack takes the message", () => {
  // [case, fault, whether the failed try may have posted, whether it did (the simulator posts, then garbles its answer)]
  const transient: [string, Fault, boolean, boolean][] = [
    ["a 500", { kind: "status", status: 500, path: "chat.postMessage" }, true, false],
    ["a 503", { kind: "status", status: 503, path: "chat.postMessage" }, true, false],
    ["a 429 with a long Retry-After", { kind: "rate_limit", retryAfterS: 3600, path: "chat.postMessage" }, false, false],
    ["a hang (the client times out)", { kind: "hang", path: "chat.postMessage" }, true, false],
    ["a reset connection", { kind: "reset", path: "chat.postMessage" }, true, false],
    ["a malformed reply", { kind: "malformed", path: "chat.postMessage" }, true, true],
  ];

  it.each(transient)("%s: queued with its reason, then delivered exactly once when Slack recovers", async (_case, fault, mayHavePosted, posted) => {
    simulator().setFault("slack", fault);
    const dm = investigation();
    const first = await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    expect(first.status).toBe("queued");
    const queued = await row(dm);
    expect(queued).toMatchObject({ status: "queued", attempts: 1, mayHavePosted, leaseOwner: null });
    expect(queued.errorCode).toMatch(/^(http_error|ratelimited|timeout|request_error|malformed_response)$/);
    expect(queued.failureReason).toBeTruthy();
    expect(messages()).toHaveLength(posted ? 1 : 0);

    // Not due yet: the drain leaves it alone.
    expect(await drainOutbox({ db, env: env(), now: at(1_000) })).toMatchObject({ sent: 0 });
    simulator().setFault("slack", null);
    const later = fault.kind === "rate_limit" ? 3_600_000 : 10_000;
    expect(await drainOutbox({ db, env: env(), now: at(later) })).toMatchObject({ sent: 1 });

    expect(messages()).toHaveLength(1);
    expect(calls("chat.postMessage")).toBe(posted ? 1 : 2);
    expect(await row(dm)).toMatchObject({ status: "sent", attempts: 2, errorCode: null, failureReason: null, ts: messages()[0]?.ts });
    // Where the first try may have reached Slack, the retry looked before posting.
    expect(calls("conversations.history")).toBe(mayHavePosted ? 1 : 0);
    expect(await deliveries(dm)).toEqual([expect.objectContaining({ status: "sent", attempts: 2, found_in_history: posted })]);
    // Twice as many drains change nothing.
    await drainOutbox({ db, env: env(), now: at(later * 2) });
    expect(messages()).toHaveLength(1);
  });

  it("honours Retry-After: not tried again before Slack's wait is over", async () => {
    simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 120, path: "chat.postMessage" });
    const dm = investigation();
    await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    expect((await row(dm)).nextAttemptAt).toEqual(at(120_000)());
    simulator().setFault("slack", null);
    await drainOutbox({ db, env: env(), now: at(119_000) });
    expect(messages()).toHaveLength(0);
    await drainOutbox({ db, env: env(), now: at(120_000) });
    expect(messages()).toHaveLength(1);
  });

  it("when Slack posted but its answer was lost, finds the message in the DM and does not post it again", async () => {
    simulator().setFault("slack", { kind: "drop_reply", times: 1, path: "chat.postMessage" });
    const dm = investigation();
    expect((await sendInvestigationDm(dm, { db, env: env(), now: at(0) })).status).toBe("queued");
    expect(messages()).toHaveLength(1);

    expect(await drainOutbox({ db, env: env(), now: at(10_000) })).toMatchObject({ sent: 1 });
    expect(messages()).toHaveLength(1);
    expect(calls("chat.postMessage")).toBe(1);
    expect(await row(dm)).toMatchObject({ status: "sent", ts: messages()[0]?.ts, mayHavePosted: false });
    expect(await deliveries(dm)).toEqual([expect.objectContaining({ status: "sent", found_in_history: true })]);
  });

  // Given up on, a message is failed when no try can have reached Slack, unknown when the last one may have.
  it.each([
    ["a 429 on every try", { kind: "rate_limit", retryAfterS: 0, path: "chat.postMessage" } as Fault, "ratelimited", "failed", /^gave up after 1 h of retries: Slack is rate-limiting Lookout/],
    ["a 500 on every try", { kind: "status", status: 500, path: "chat.postMessage" } as Fault, "http_error", "unknown", /^gave up after 1 h of retries: Slack answered with an error status \(HTTP 500\)/],
  ])("gives up after LOOKOUT_DM_RETRY_HOURS on %s, says so, and shows it on the dashboard", async (_case, fault, code, status, reason) => {
    simulator().setFault("slack", fault);
    const dm = investigation();
    const e = env({ LOOKOUT_DM_RETRY_HOURS: "1" });
    await sendInvestigationDm(dm, { db, env: e, now: at(0) });
    let now = 0;
    for (let i = 0; i < 40 && (await row(dm)).status === "queued"; i++) {
      now = (await row(dm)).nextAttemptAt!.getTime() - t0.getTime();
      await drainOutbox({ db, env: e, now: at(now) });
    }
    const stored = await row(dm);
    expect(stored).toMatchObject({ status, errorCode: code, failureReason: expect.stringMatching(reason) });
    expect(now).toBeLessThanOrEqual(3_600_000);
    expect(messages()).toHaveLength(0);
    const undelivered = await getUndeliveredDms(db, at(now)());
    expect(undelivered).toMatchObject({ count: 1, latest: { sessionId: dm.sessionId, status } });
  });
});

describe("permanent failures stop at once and are shown", () => {
  const permanent: [string, "chat.postMessage" | "conversations.open", string][] = [
    ["token_revoked", "chat.postMessage", "the Slack token was revoked"],
    ["invalid_auth", "conversations.open", "Slack rejected SLACK_BOT_TOKEN"],
    ["channel_not_found", "chat.postMessage", "the operator's DM channel was not found"],
    ["user_not_found", "conversations.open", "SLACK_OPERATOR_USER_ID is not a user in this workspace"],
    ["not_in_channel", "chat.postMessage", "the bot is not in the operator's DM channel"],
    ["missing_scope", "chat.postMessage", "the Slack app lacks a scope it needs"],
  ];

  it.each(permanent)("%s: failed after one attempt, never retried, on the dashboard with its reason", async (code, method, reason) => {
    simulator().state.slack.failNext = { method, error: code, times: 5 };
    const dm = investigation();
    const result = await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    expect(result).toMatchObject({ status: "failed", errorCode: code });
    expect(await row(dm)).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null, failureReason: reason });

    await drainOutbox({ db, env: env(), now: at(3_600_000) });
    expect(calls(method)).toBe(1);
    expect(messages()).toHaveLength(0);
    expect(await getUndeliveredDms(db, at(0)())).toEqual({ count: 1, latest: { reason, sessionId: dm.sessionId, status: "failed" } });
    expect(await deliveries(dm)).toEqual([expect.objectContaining({ status: "failed", error_code: code, reason })]);
  });
});

describe("a redraw Slack refuses", () => {
  it("is recorded as failed but not shown as an undelivered message: the message itself reached the operator", async () => {
    const dm = investigation();
    await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    simulator().state.slack.failNext = { method: "chat.update", error: "message_not_found", times: 5 };
    await db.$transaction((tx) => queueDmUpdate(tx, dm.sessionId, "acknowledged", at(0)()));
    await drainOutbox({ db, env: env(), now: at(1_000) });
    expect(await db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: `update:${dm.sessionId}:acknowledged` } })).toMatchObject({ status: "failed", errorCode: "message_not_found" });
    expect(await getUndeliveredDms(db, at(1_000)())).toEqual({ count: 0, latest: null });
  });
});

describe("a message left mid-delivery", () => {
  it("without im:history: not posted again but marked unknown, and shown as maybe not delivered", async () => {
    simulator().state.slack.scopes = ["chat:write", "im:write"];
    simulator().setFault("slack", { kind: "hang", times: 1, path: "chat.postMessage" });
    const dm = investigation();
    await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    await drainOutbox({ db, env: env(), now: at(10_000) });
    const stored = await row(dm);
    expect(stored).toMatchObject({ status: "unknown", errorCode: "missing_scope", failureReason: expect.stringMatching(/im:history/) });
    expect(calls("chat.postMessage")).toBe(1);
    expect(await getUndeliveredDms(db, at(10_000)())).toMatchObject({ count: 1, latest: { status: "unknown" } });
  });

  it("left in sending by a crash: taken over after the lease, looked for, posted once", async () => {
    const dm = investigation();
    // A delivery that claimed the message and died before posting.
    await db.dmMessage.create({
      data: { sessionId: dm.sessionId, dedupeKey: `investigation:${dm.wakeId}`, kind: "investigation", text: "Critical: Fly", blocks: "[]", status: "sending", leaseOwner: "dead", leaseExpiresAt: at(DM_LEASE_MS)(), attempts: 1, createdAt: at(0)() },
    });
    expect(await drainOutbox({ db, env: env(), now: at(DM_LEASE_MS - 1) })).toMatchObject({ sent: 0 });
    expect(await drainOutbox({ db, env: env(), now: at(DM_LEASE_MS + 1) })).toMatchObject({ sent: 1 });
    expect(calls("conversations.history")).toBe(1);
    expect(messages()).toHaveLength(1);
    expect(await row(dm)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("late messages say so", () => {
  async function openIncident(dm: InvestigationDm) {
    await db.incident.create({
      data: { id: randomUUID(), sessionId: dm.sessionId, probe: "fly", category: "service_unhealthy", severity: "critical", title: "Fly machine stopped", detail: "", openedAt: at(-20_000)(), lastSeenAt: at(0)() },
    });
  }

  it("an incident that resolved before its first DM was delivered: one message, resolved in its first line, no resolution message", async () => {
    const dm = investigation();
    await openIncident(dm);
    simulator().setFault("slack", { kind: "status", status: 503, path: "chat.postMessage" });
    await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    await db.incident.update({ where: { sessionId: dm.sessionId }, data: { resolvedAt: at(7 * 60_000)() } });
    // The operator was never told, so the resolution is not sent on its own.
    expect(await notifyResolutions({ db, env: env(), now: at(7 * 60_000)() })).toBe(0);

    simulator().setFault("slack", null);
    await drainOutbox({ db, env: env(), now: at(9 * 60_000) });
    expect(messages()).toHaveLength(1);
    expect(messages()[0]?.text?.split("\n")[0]).toBe(
      `:white_check_mark: *Resolved already:* Fly machine stopped, from ${clock(-20_000)} to ${clock(7 * 60_000)} UTC; this message was delivered 9 min late (Slack answered with an error status (HTTP 503)).`,
    );
    expect(messages()[0]?.blocks?.[0]).toMatchObject({ type: "section", text: { text: expect.stringMatching(/^:white_check_mark: \*Resolved already/) } });
    expect(await db.dmMessage.findUniqueOrThrow({ where: { dedupeKey: `resolution:${dm.sessionId}` } })).toMatchObject({ status: "folded", ts: messages()[0]?.ts });
    expect(await notifyResolutions({ db, env: env(), now: at(10 * 60_000)() })).toBe(0);
    expect(messages()).toHaveLength(1);
  });

  it("a message delivered late about an open incident says how late", async () => {
    const dm = investigation();
    await openIncident(dm);
    simulator().setFault("slack", { kind: "rate_limit", retryAfterS: 300, path: "chat.postMessage" });
    await sendInvestigationDm(dm, { db, env: env(), now: at(0) });
    simulator().setFault("slack", null);
    await drainOutbox({ db, env: env(), now: at(300_000) });
    expect(messages()[0]?.text).toMatch(/^:hourglass: This message was delivered 5 min late \(Slack is rate-limiting Lookout \(retry after 300 s\)\); the incident is still open\.\n/);
    expect(await deliveries(dm)).toEqual([expect.objectContaining({ status: "sent", delay_s: 300, notice: expect.stringMatching(/5 min late/) })]);
  });
});
