import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_CLOCK_SKEW_S, signSlackRequest, verifySlackSignature } from "@/lib/slack/verify-slack-signature";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
const now = new Date("2026-12-01T10:00:00Z");
const ts = String(now.getTime() / 1000);

describe("verifySlackSignature (Slack's v0 scheme)", () => {
  it("signs as Slack documents: v0= + hex HMAC-SHA256 of v0:<timestamp>:<raw body>", () => {
    // Computed here independently of the module, from the documented basestring.
    const hex = createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");
    expect(signSlackRequest(secret, ts, body)).toBe(`v0=${hex}`);
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: `v0=${hex}` }, now)).toEqual({ ok: true });
  });

  it("refuses everything when no signing secret is configured", () => {
    const signature = signSlackRequest(secret, ts, body);
    expect(verifySlackSignature(undefined, { body, timestamp: ts, signature }, now)).toEqual({ ok: false, reason: "not_configured" });
    expect(verifySlackSignature("", { body, timestamp: ts, signature }, now)).toEqual({ ok: false, reason: "not_configured" });
  });

  it("refuses a request without either header", () => {
    const signature = signSlackRequest(secret, ts, body);
    expect(verifySlackSignature(secret, { body, timestamp: null, signature }, now)).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: null }, now)).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("accepts up to five minutes of skew either way and refuses beyond, even when correctly signed", () => {
    for (const offset of [-MAX_CLOCK_SKEW_S, MAX_CLOCK_SKEW_S, 0, 299]) {
      const t = String(Number(ts) + offset);
      expect(verifySlackSignature(secret, { body, timestamp: t, signature: signSlackRequest(secret, t, body) }, now), `offset ${offset}`).toEqual({ ok: true });
    }
    for (const offset of [-MAX_CLOCK_SKEW_S - 1, MAX_CLOCK_SKEW_S + 1, -86_400]) {
      const t = String(Number(ts) + offset);
      expect(verifySlackSignature(secret, { body, timestamp: t, signature: signSlackRequest(secret, t, body) }, now), `offset ${offset}`).toEqual({ ok: false, reason: "stale" });
    }
    expect(verifySlackSignature(secret, { body, timestamp: "soon", signature: signSlackRequest(secret, "soon", body) }, now)).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses another secret, a tampered body, a changed timestamp, another version and a cut signature", () => {
    const good = signSlackRequest(secret, ts, body);
    const bad = { ok: false, reason: "bad_signature" };
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: signSlackRequest("another-secret-entirely", ts, body) }, now)).toEqual(bad);
    expect(verifySlackSignature(secret, { body: `${body}x`, timestamp: ts, signature: good }, now)).toEqual(bad);
    expect(verifySlackSignature(secret, { body, timestamp: String(Number(ts) + 1), signature: good }, now)).toEqual(bad);
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: good.replace(/^v0=/, "v1=") }, now)).toEqual(bad);
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: good.slice(0, -1) }, now)).toEqual(bad);
    expect(verifySlackSignature(secret, { body, timestamp: ts, signature: `${good}0` }, now)).toEqual(bad);
  });
});
