import { LogLevel, WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { classifySlackError } from "@/lib/slack/classify-slack-error";
import { openDmChannel, postSlackMessage } from "@/lib/slack/slack-calls";
import { startFakeVendor, type FakeReply, type FakeVendor } from "@/tests/unit/probes/fake-vendor";
import { expectRejected, expectValid, readJsonExample } from "./harness";
import { authTestOk, chatPostMessageOk, conversationsOpenOk, slackError } from "./slack";

// Examples after the ones in slackapi/slack-api-specs web-api/slack_web_openapi_v2.json (commit bc08db49), checked
// against the contract and then answered to Lookout's real DM calls (openDmChannel and postSlackMessage over @slack/web-api).

let vendor: FakeVendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});

const example = (file: string) => readJsonExample("slack", file);
const message = { text: "Fly machine failed", blocks: [] };

/** Open then post, as a delivery does; the outcome in the shape the assertions read. */
async function sendDm(routes: Record<string, FakeReply>) {
  vendor = await startFakeVendor(routes);
  const client = new WebClient("xoxb-example", { slackApiUrl: `${vendor.url}/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
  let channel: string | null = null;
  try {
    channel = await openDmChannel(client, "W12345678");
    const ts = await postSlackMessage(client, { channel, threadTs: null, message, dedupeKey: "investigation:example" });
    return { ok: true, channel, ts };
  } catch (error) {
    return { ok: false, channel, failure: classifySlackError(error) };
  }
}

describe("Slack examples", () => {
  // auth.test's "Standard success response when used with a user token", values unchanged.
  it("the auth.test example satisfies the contract", () => {
    expectValid(authTestOk, example("auth-test.json"), "auth-test.json");
  });

  // conversations.open's "Typical success response" and chat.postMessage's (its channel set to that DM's id).
  it("the open and post examples satisfy the contract and the DM calls read the DM channel and ts from them", async () => {
    expectValid(conversationsOpenOk, example("conversations-open.json"), "conversations-open.json");
    expectValid(chatPostMessageOk, example("chat-post-message.json"), "chat-post-message.json");
    const outcome = await sendDm({ "/conversations.open": { json: example("conversations-open.json") }, "/chat.postMessage": { json: example("chat-post-message.json") } });
    expect(outcome).toEqual({ ok: true, channel: "D069C7QFK", ts: "1503435956.000247" });
    const post = vendor?.requests.find((r) => r.path === "/chat.postMessage");
    expect(post?.headers.authorization).toBe("Bearer xoxb-example");
  });

  // The "Typical error response" of conversations.open and auth.test's invalid-token one: HTTP 200, ok false.
  it("the error examples satisfy the contract and become permanent failures with Slack's code", async () => {
    expectValid(slackError, example("error-channel-not-found.json"), "error-channel-not-found.json");
    expectValid(slackError, example("error-invalid-auth.json"), "error-invalid-auth.json");
    const refused = await sendDm({ "/conversations.open": { json: example("error-invalid-auth.json") } });
    expect(refused).toEqual({ ok: false, channel: null, failure: { code: "invalid_auth", permanent: true, mayHavePosted: false, retryAfterMs: null, detail: null } });
    await vendor?.close();

    const lost = await sendDm({ "/conversations.open": { json: example("conversations-open.json") }, "/chat.postMessage": { json: example("error-channel-not-found.json") } });
    expect(lost).toMatchObject({ ok: false, channel: "D069C7QFK", failure: { code: "channel_not_found", permanent: true, mayHavePosted: false } });
  });

  it("the contract rejects a DM id of the wrong kind, a missing ts and an error without a code", () => {
    expectRejected(conversationsOpenOk, { ok: true, channel: { id: "C1H9RESGL" } }, '"id"');
    const posted = example("chat-post-message.json") as Record<string, unknown>;
    expectRejected(chatPostMessageOk, { ...posted, ts: undefined }, '"ts"');
    expectRejected(slackError, { ok: false }, '"error"');
  });
});
