import { ErrorCode, LogLevel, WebClient, type WebAPIHTTPError, type WebAPIPlatformError, type WebAPIRateLimitedError, type WebAPIRequestError } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { simulatorCredentials, simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";

// The simulated Slack Web API, driven by the real @slack/web-api client exactly as Lookout configures it.

let sim: Simulator;
let env: Record<string, string>;
const operator = () => env.SLACK_OPERATOR_USER_ID ?? "";

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  env = simulatorEnv(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function client(token = simulatorCredentials.slackBotToken) {
  return new WebClient(token, { slackApiUrl: `${env.SLACK_API_URL}/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 1000, logLevel: LogLevel.ERROR });
}

async function openDm(c = client()): Promise<string> {
  const opened = await c.conversations.open({ users: operator() });
  return opened.channel?.id ?? "";
}

const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Fly* machine failed" } }];

describe("Slack Web API", () => {
  it("opens a stable DM, posts, and stores a thread reply", async () => {
    const c = client();
    const channel = await openDm(c);
    expect(channel).toMatch(/^D[A-Z0-9]+$/);
    expect(await openDm(c)).toBe(channel);

    const first = await c.chat.postMessage({ channel, text: "Fly machine failed", blocks });
    expect(first).toMatchObject({ ok: true, channel, message: { text: "Fly machine failed", blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    const reply = await c.chat.postMessage({ channel, text: "Resolved after 4 min", thread_ts: first.ts ?? "" });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));

    expect(sim.state.slack.messages).toEqual([
      { channel, text: "Fly machine failed", blocks, threadTs: null, metadata: null, ts: first.ts, at: expect.any(String) },
      { channel, text: "Resolved after 4 min", blocks: null, threadTs: first.ts, metadata: null, ts: reply.ts, at: expect.any(String) },
    ]);
    // What the client really sends: form-urlencoded, bearer token, blocks as a JSON string.
    const post = sim.requests().find((r) => r.path === "/slack/api/chat.postMessage");
    expect(post?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(post?.headers.authorization).toBe(`Bearer ${simulatorCredentials.slackBotToken}`);
    expect(new URLSearchParams(post?.body).get("blocks")).toBe(JSON.stringify(blocks));
  });

  it("keeps message metadata and returns it from conversations.history and conversations.replies only when asked", async () => {
    const c = client();
    const channel = await openDm(c);
    const metadata = { event_type: "lookout_dm", event_payload: { key: "investigation:w1" } };
    const top = await c.chat.postMessage({ channel, text: "first", metadata });
    const reply = await c.chat.postMessage({ channel, text: "in thread", thread_ts: top.ts ?? "", metadata: { event_type: "lookout_dm", event_payload: { key: "resolution:s1" } } });
    // The client sends metadata as a JSON string in the form body, like blocks.
    const post = sim.requests().find((r) => r.path === "/slack/api/chat.postMessage");
    expect(JSON.parse(new URLSearchParams(post?.body).get("metadata") ?? "")).toEqual(metadata);

    const plain = await c.conversations.history({ channel });
    expect(plain.messages?.map((m) => [m.text, m.metadata])).toEqual([["first", undefined]]);
    const history = await c.conversations.history({ channel, include_all_metadata: true, limit: 10 });
    expect(history).toMatchObject({ ok: true, has_more: false, messages: [{ ts: top.ts, text: "first", metadata, reply_count: 1 }] });
    const thread = await c.conversations.replies({ channel, ts: top.ts ?? "", include_all_metadata: true });
    expect(thread.messages?.map((m) => [m.ts, (m.metadata?.event_payload as { key?: string } | undefined)?.key])).toEqual([
      [top.ts, "investigation:w1"],
      [reply.ts, "resolution:s1"],
    ]);
    // Pages newest first, with a cursor, and honours oldest.
    await c.chat.postMessage({ channel, text: "second" });
    const page1 = await c.conversations.history({ channel, limit: 1 });
    expect(page1.messages?.map((m) => m.text)).toEqual(["second"]);
    const page2 = await c.conversations.history({ channel, limit: 1, cursor: page1.response_metadata?.next_cursor });
    expect(page2.messages?.map((m) => m.text)).toEqual(["first"]);
    expect((await c.conversations.history({ channel, oldest: String(Number(top.ts) + 0.000001) })).messages?.map((m) => m.text)).toEqual(["second"]);
  });

  it("refuses to read a DM without im:history, as Slack does, an unknown thread and malformed metadata", async () => {
    const c = client();
    const channel = await openDm(c);
    sim.state.slack.scopes = ["chat:write", "im:write"];
    await expect(c.conversations.history({ channel })).rejects.toMatchObject({ data: { ok: false, error: "missing_scope", needed: "im:history", provided: "chat:write,im:write" } });
    await expect(c.conversations.replies({ channel, ts: "1.000001" })).rejects.toMatchObject({ data: { error: "missing_scope" } });
    sim.state.slack.scopes = ["chat:write", "im:write", "im:history"];
    await expect(c.conversations.replies({ channel, ts: "1.000001" })).rejects.toMatchObject({ data: { error: "thread_not_found" } });
    await expect(c.chat.postMessage({ channel, text: "x", metadata: { event_type: "x" } as never })).rejects.toMatchObject({ data: { error: "invalid_metadata_format" } });
  });

  it("accepts JSON bodies and answers platform errors with HTTP 200 ok:false", async () => {
    const post = (body: unknown, token = simulatorCredentials.slackBotToken) =>
      fetch(`${env.SLACK_API_URL}/chat.postMessage`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const channel = await openDm();
    const ok = await post({ channel, text: "json body", blocks });
    expect(await ok.json()).toMatchObject({ ok: true, channel });
    const missing = await post({ channel: "D0NOPE", text: "x" });
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ ok: false, error: "channel_not_found" });
    expect(await (await fetch(`${env.SLACK_API_URL}/chat.postMessage`, { method: "POST" })).json()).toEqual({ ok: false, error: "not_authed" });
    expect(sim.state.slack.messages).toHaveLength(1);
  });

  it("an invalid token is a platform error the client throws", async () => {
    const error = (await client("xoxb-not-the-token").conversations.open({ users: operator() }).catch((e: unknown) => e)) as WebAPIPlatformError;
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.code).toBe("slack_webapi_platform_error");
    expect(error.data.error).toBe("invalid_auth");
  });

  it("an unknown channel and a scripted failNext answer ok:false and store nothing", async () => {
    const c = client();
    const unknown = (await c.chat.postMessage({ channel: "D0NOPE", text: "x" }).catch((e: unknown) => e)) as WebAPIPlatformError;
    expect(unknown.data.error).toBe("channel_not_found");

    const channel = await openDm(c);
    sim.state.slack.failNext = { method: "chat.postMessage", error: "channel_not_found", times: 2 };
    for (let i = 0; i < 2; i++) {
      const failed = (await c.chat.postMessage({ channel, text: "x" }).catch((e: unknown) => e)) as WebAPIPlatformError;
      expect(failed.code).toBe(ErrorCode.PlatformError);
      expect(failed.data).toMatchObject({ ok: false, error: "channel_not_found" });
    }
    expect(sim.state.slack.messages).toEqual([]);
    expect(sim.state.slack.failNext).toBeNull();
    expect((await c.chat.postMessage({ channel, text: "third time" })).ok).toBe(true);

    sim.state.slack.failNext = { method: "*", error: "user_not_found" };
    expect(((await openDm(c).catch((e: unknown) => e)) as WebAPIPlatformError).data.error).toBe("user_not_found");
  });

  it("a rate_limit fault throws slack_webapi_rate_limited_error with retryAfter, and stores nothing", async () => {
    const c = client();
    const channel = await openDm(c);
    sim.setFault("slack", { kind: "rate_limit", retryAfterS: 30, times: 1 });
    const error = (await c.chat.postMessage({ channel, text: "x" }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.code).toBe("slack_webapi_rate_limited_error");
    expect(error.retryAfter).toBe(30);
    expect(sim.state.slack.messages).toEqual([]);
  });

  it("a hang times out the client, a 5xx is an HTTP error, and neither stores a message", async () => {
    const c = client();
    const channel = await openDm(c);
    sim.setFault("slack", { kind: "hang", times: 1 });
    const timedOut = (await c.chat.postMessage({ channel, text: "x" }).catch((e: unknown) => e)) as WebAPIRequestError;
    expect(timedOut.code).toBe(ErrorCode.RequestError);
    expect(timedOut.original.name).toMatch(/TimeoutError|AbortError/);

    sim.setFault("slack", { kind: "status", status: 503, times: 1 });
    const http = (await c.chat.postMessage({ channel, text: "x" }).catch((e: unknown) => e)) as WebAPIHTTPError;
    expect(http).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(sim.state.slack.messages).toEqual([]);
  });

  it("/_control: fail-next is validated, messages are listed, reset clears both", async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${sim.url}/_control/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    expect((await control("slack/fail-next", { method: "chat.postMessage", error: "not_in_channel" })).status).toBe(200);
    expect(sim.state.slack.failNext).toEqual({ method: "chat.postMessage", error: "not_in_channel" });
    expect((await control("slack/fail-next", { method: "chat.delete", error: "x" })).status).toBe(400);
    expect((await control("slack/fail-next", null)).status).toBe(200);
    expect(sim.state.slack.failNext).toBeNull();

    await client().chat.postMessage({ channel: operator(), text: "to the user id" });
    const listed = (await (await control("slack/messages")).json()) as { channel: string }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.channel).toMatch(/^D/);
    sim.state.slack.failNext = { method: "*", error: "fatal_error" };
    sim.reset();
    expect(sim.state.slack.messages).toEqual([]);
    expect(sim.state.slack.failNext).toBeNull();
  });
});

describe("pressing a button as Slack does (POST /_control/slack/interactions)", () => {
  it("posts a signed block_actions form to the given URL, and forgeries that Lookout's check refuses", async () => {
    const { createServer } = await import("node:http");
    const { verifySlackSignature } = await import("@/lib/slack/verify-slack-signature");
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(app.address() as { port: number }).port}/api/slack/interactions`;
    const secret = "sim-signing-secret-for-this-test";
    try {
      for (const forge of ["none", "wrong_secret", "tampered_body", "stale_timestamp", "no_headers"]) {
        const res = await fetch(`${sim.url}/_control/slack/interactions`, {
          method: "POST",
          body: JSON.stringify({ url, signingSecret: secret, userId: operator(), actionId: "acknowledge", value: "probe:fly:x", forge }),
        });
        expect(await res.json(), forge).toMatchObject({ ok: true, answered: { status: 200 } });
      }
      const checks = received.map((r) =>
        verifySlackSignature(secret, { body: r.body, timestamp: (r.headers["x-slack-request-timestamp"] as string) ?? null, signature: (r.headers["x-slack-signature"] as string) ?? null }),
      );
      expect(checks.map((c) => (c.ok ? "ok" : c.reason))).toEqual(["ok", "bad_signature", "bad_signature", "stale", "missing_headers"]);
      const payload = JSON.parse(new URLSearchParams(received[0]!.body).get("payload") ?? "{}");
      expect(payload).toMatchObject({ type: "block_actions", user: { id: operator() }, actions: [{ action_id: "acknowledge", value: "probe:fly:x", action_ts: expect.any(String) }], trigger_id: expect.any(String) });
      expect(received[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
