import { LogLevel, WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { scenarioNames } from "@/simulator/scenarios";
import { expectRejected, expectValid, injectedStatuses, withSimulator, type Answer } from "./harness";
import { authTestOk, chatPostEphemeralOk, chatPostMessageOk, chatUpdateOk, conversationsHistoryOk, conversationsOpenOk, conversationsRepliesOk, slackError } from "./slack";

// The simulated Slack Web API against the contract written from Slack's own spec and SDK types (see slack.ts),
// over real HTTP: form-encoded POSTs with a bearer token, exactly what @slack/web-api sends.

const running = withSimulator();
const token = () => running().env.SLACK_BOT_TOKEN ?? "";
const operator = () => running().env.SLACK_OPERATOR_USER_ID ?? "";

async function call(method: string, params: Record<string, string> = {}, auth: string | null = token()): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  const res = await fetch(`${running().env.SLACK_API_URL}/${method}`, { method: "POST", headers, body: new URLSearchParams(params).toString(), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

/** A platform error is HTTP 200 with `ok: false` and exactly this code. */
async function expectSlackError(answer: Promise<Answer>, code: string, what: string, status = 200) {
  const a = await answer;
  expect(a.status, what).toBe(status);
  expect(expectValid(slackError, a.json(), what).error, what).toBe(code);
}

const blocks = JSON.stringify([{ type: "section", text: { type: "mrkdwn", text: "*Fly* machine failed" } }]);

async function openDm(): Promise<string> {
  const opened = expectValid(conversationsOpenOk, (await call("conversations.open", { users: operator() })).json(), "conversations.open");
  return opened.channel.id;
}

describe("Slack Web API: success bodies in every scenario", () => {
  it.each(scenarioNames)("%s: auth.test, conversations.open and chat.postMessage (top level and threaded)", async (scenario) => {
    running().sim.applyScenario(scenario);
    expectValid(authTestOk, (await call("auth.test")).json(), `${scenario}: auth.test`);

    const channel = await openDm();
    // The second open of the same DM is the `already_open` / `no_op` form.
    const again = expectValid(conversationsOpenOk, (await call("conversations.open", { users: operator() })).json(), `${scenario}: reopen`);
    expect(again).toMatchObject({ channel: { id: channel }, already_open: true });

    const top = expectValid(chatPostMessageOk, (await call("chat.postMessage", { channel, text: "Fly machine failed", blocks })).json(), `${scenario}: post`);
    expect(top.channel).toBe(channel);
    const reply = await call("chat.postMessage", { channel, text: "Resolved after 4 min", thread_ts: top.ts });
    expect(expectValid(chatPostMessageOk, reply.json(), `${scenario}: thread reply`).message.thread_ts).toBe(top.ts);
    // Posting to the user id lands in the same DM, as on Slack.
    expect(expectValid(chatPostMessageOk, (await call("chat.postMessage", { channel: operator(), text: "x" })).json(), "post to user").channel).toBe(channel);
  });

  it("conversations.history and conversations.replies list what was posted, with its metadata when asked", async () => {
    const channel = await openDm();
    const metadata = JSON.stringify({ event_type: "lookout_dm", event_payload: { key: "investigation:w1" } });
    const top = expectValid(chatPostMessageOk, (await call("chat.postMessage", { channel, text: "Fly machine failed", blocks, metadata })).json(), "post with metadata");
    await call("chat.postMessage", { channel, text: "Resolved", thread_ts: top.ts, metadata });
    const history = expectValid(conversationsHistoryOk, (await call("conversations.history", { channel, include_all_metadata: "true" })).json(), "history");
    expect(history.messages[0]).toMatchObject({ ts: top.ts, metadata: { event_type: "lookout_dm", event_payload: { key: "investigation:w1" } }, reply_count: 1 });
    const paged = expectValid(conversationsHistoryOk, (await call("conversations.history", { channel, limit: "1" })).json(), "history page");
    expect(paged.messages[0]?.metadata).toBeUndefined();
    const replies = expectValid(conversationsRepliesOk, (await call("conversations.replies", { channel, ts: top.ts, include_all_metadata: "true" })).json(), "replies");
    expect(replies.messages.map((m) => m.text)).toEqual(["Fly machine failed", "Resolved"]);
  });

  it("reading a DM without im:history is missing_scope with needed and provided", async () => {
    const channel = await openDm();
    running().sim.state.slack.scopes = ["chat:write", "im:write"];
    await expectSlackError(call("conversations.history", { channel }), "missing_scope", "history without im:history");
    await expectSlackError(call("conversations.replies", { channel, ts: "1700000000.000100" }), "missing_scope", "replies without im:history");
  });

  it("the real @slack/web-api client, configured as Lookout configures it, accepts the same answers", async () => {
    const client = new WebClient(token(), { slackApiUrl: `${running().env.SLACK_API_URL}/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    const opened = await client.conversations.open({ users: operator() });
    const posted = await client.chat.postMessage({ channel: opened.channel?.id ?? "", text: "hello" });
    // The client returns the body plus its own `response_metadata`; the body part must still match.
    expectValid(chatPostMessageOk, posted, "chat.postMessage via WebClient");
    expectValid(authTestOk, await client.auth.test(), "auth.test via WebClient");
  });
});

describe("Slack Web API: chat.update and chat.postEphemeral", () => {
  it("chat.update redraws the message in place and answers with it; an unknown ts is message_not_found", async () => {
    const channel = await openDm();
    const top = expectValid(chatPostMessageOk, (await call("chat.postMessage", { channel, text: "Fly machine failed", blocks })).json(), "post");
    const newBlocks = JSON.stringify([{ type: "section", text: { type: "mrkdwn", text: "*Acknowledged*" } }]);
    const updated = expectValid(chatUpdateOk, (await call("chat.update", { channel, ts: top.ts, text: "Acknowledged", blocks: newBlocks })).json(), "chat.update");
    expect(updated).toMatchObject({ channel, ts: top.ts, text: "Acknowledged", message: { text: "Acknowledged", blocks: JSON.parse(newBlocks) } });
    const { slack } = running().sim.state;
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatchObject({ ts: top.ts, text: "Acknowledged", blocks: JSON.parse(newBlocks), editedAt: expect.any(String) });
    expect(slack.updates).toEqual([{ channel, ts: top.ts, text: "Acknowledged", blocks: JSON.parse(newBlocks), at: expect.any(String) }]);
    await expectSlackError(call("chat.update", { channel, ts: "1700000000.000100", text: "x" }), "message_not_found", "unknown ts");
    await expectSlackError(call("chat.update", { channel: "D0NOTADM00", ts: top.ts, text: "x" }), "channel_not_found", "unknown channel");
  });

  it("chat.postEphemeral answers message_ts and keeps the message out of the channel; another user's DM is user_not_in_channel", async () => {
    const channel = await openDm();
    const answer = expectValid(chatPostEphemeralOk, (await call("chat.postEphemeral", { channel, user: operator(), text: "only you" })).json(), "ephemeral");
    const { slack } = running().sim.state;
    expect(slack.ephemeral).toEqual([{ channel, user: operator(), text: "only you", blocks: null, messageTs: answer.message_ts, at: expect.any(String) }]);
    expect(slack.messages).toHaveLength(0);
    await expectSlackError(call("chat.postEphemeral", { channel, user: "U0SIMDEV02", text: "x" }), "user_not_in_channel", "someone else's DM");
    await expectSlackError(call("chat.postEphemeral", { channel, user: "U0NOBODY1", text: "x" }), "user_not_found", "unknown user");
  });

  it("the real client's chat.update and chat.postEphemeral accept these answers", async () => {
    const client = new WebClient(token(), { slackApiUrl: `${running().env.SLACK_API_URL}/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    const channel = (await client.conversations.open({ users: operator() })).channel?.id ?? "";
    const posted = await client.chat.postMessage({ channel, text: "hello" });
    expectValid(chatUpdateOk, await client.chat.update({ channel, ts: posted.ts ?? "", text: "hello again" }), "chat.update via WebClient");
    expectValid(chatPostEphemeralOk, await client.chat.postEphemeral({ channel, user: operator(), text: "psst" }), "chat.postEphemeral via WebClient");
  });
});

describe("Slack Web API: error bodies", () => {
  it.each(injectedStatuses)("injected %i: a non-200 answer still in the ok:false envelope", async (status) => {
    running().sim.setFault("slack", { kind: "status", status });
    const answer = await call("chat.postMessage", { channel: "D0000000000", text: "x" });
    expect(answer.status).toBe(status);
    expectValid(slackError, answer.json(), `injected ${status}`);
  });

  it("rate_limit: 429, Retry-After and `ratelimited`", async () => {
    running().sim.setFault("slack", { kind: "rate_limit", retryAfterS: 3 });
    const answer = call("chat.postMessage", { channel: "D0000000000", text: "x" });
    await expectSlackError(answer, "ratelimited", "rate limited", 429);
    expect((await answer).headers.get("retry-after")).toBe("3");
  });

  it("a wrong token is invalid_auth and a missing one not_authed, on every method", async () => {
    for (const method of ["auth.test", "conversations.open", "chat.postMessage"]) {
      await expectSlackError(call(method, { users: operator(), channel: operator(), text: "x" }, "xoxb-not-the-token"), "invalid_auth", `${method} wrong token`);
      await expectSlackError(call(method, { users: operator(), channel: operator(), text: "x" }, null), "not_authed", `${method} no token`);
    }
  });

  it("conversations.open: unknown user, no users, and a group DM are refused with documented codes", async () => {
    await expectSlackError(call("conversations.open", { users: "U0NOBODY1" }), "user_not_found", "unknown user");
    await expectSlackError(call("conversations.open", {}), "users_list_not_supplied", "no users");
    // The simulator opens one-to-one DMs only; it refuses a group DM with a code the method documents.
    await expectSlackError(call("conversations.open", { users: `${operator()},U0SIMDEV02` }), "method_not_supported_for_channel_type", "group DM");
  });

  it("chat.postMessage: unknown channel, no text and bad blocks; an unknown method echoes its name", async () => {
    await expectSlackError(call("chat.postMessage", { channel: "D0NOTOPEN1", text: "x" }), "channel_not_found", "unknown channel");
    const channel = await openDm();
    await expectSlackError(call("chat.postMessage", { channel }), "no_text", "no text");
    await expectSlackError(call("chat.postMessage", { channel, text: "x", blocks: "{not json" }), "invalid_blocks_format", "bad blocks");
    await expectSlackError(call("chat.deleteEverything"), "unknown_method", "unknown method");
  });

  it("a scripted refusal (fail-next) uses the same envelope", async () => {
    running().sim.state.slack.failNext = { method: "chat.postMessage", error: "missing_scope" };
    await expectSlackError(call("chat.postMessage", { channel: operator(), text: "x" }), "missing_scope", "scripted missing_scope");
  });

  it("the contract rejects an invented key, a ts without microseconds and an error with ok: true", async () => {
    const posted = (await call("chat.postMessage", { channel: operator(), text: "x" })).json() as Record<string, unknown>;
    expectRejected(chatPostMessageOk, { ...posted, delivered: true }, "delivered");
    expectRejected(chatPostMessageOk, { ...posted, ts: "1503435956" }, '"ts"');
    expectRejected(slackError, { ok: true, error: "channel_not_found" }, '"ok"');
    expectRejected(slackError, { ok: false, error: "not_implemented", detail: "group DMs" }, "detail");
  });
});
