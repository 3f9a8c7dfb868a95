import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackError, describeSlackFailure, retryDelayMs } from "@/lib/slack/classify-slack-error";

const platform = (error: unknown) => classifySlackError(new WebAPIPlatformError({ ok: false, error } as never));
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classifySlackError", () => {
  it.each(["invalid_auth", "not_authed", "token_revoked", "account_inactive", "channel_not_found", "user_not_found", "not_in_channel", "missing_scope", "msg_too_long"])(
    "keeps Slack's own code %s, and stops: a retry gets the same answer",
    (code) => expect(platform(code)).toEqual({ code, permanent: true, mayHavePosted: false, retryAfterMs: null, detail: null }),
  );

  it.each(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"])("retries Slack's own %s, which says the fault is Slack's", (code) => {
    expect(platform(code)).toMatchObject({ code, permanent: false, mayHavePosted: false });
  });

  it("keeps only Slack's code word when the error carries more text: the rest could quote anything", () => {
    expect(platform("channel_not_found echo: xoxb-1-2-secret")).toMatchObject({ code: "channel_not_found", permanent: true });
  });

  it("calls a reply without a proper error code malformed, and retries it after looking in Slack", () => {
    for (const error of [undefined, "", "<html>Bad Gateway</html>", '{"ok":fal', 42, "x".repeat(65), "Channel_not_found"]) {
      expect(platform(error)).toMatchObject({ code: "malformed_response", permanent: false, mayHavePosted: true });
    }
  });

  it("honours Retry-After however long it is", () => {
    expect(classifySlackError(new WebAPIRateLimitedError(1))).toEqual({ code: "ratelimited", permanent: false, mayHavePosted: false, retryAfterMs: 1000, detail: "retry after 1 s" });
    expect(classifySlackError(new WebAPIRateLimitedError(3600))).toMatchObject({ retryAfterMs: 3_600_000 });
  });

  it("retries a timeout and a reset, but looks in Slack first: it may already have posted", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(classifySlackError(new WebAPIRequestError(timeout))).toMatchObject({ code: "timeout", permanent: false, mayHavePosted: true });
    expect(classifySlackError(new WebAPIRequestError(new DOMException("aborted", "AbortError")))).toMatchObject({ code: "timeout", mayHavePosted: true });
    expect(classifySlackError(new WebAPIRequestError(socketError("ECONNRESET")))).toMatchObject({ code: "request_error", permanent: false, mayHavePosted: true, detail: "ECONNRESET" });
  });

  it("knows a refused connection never reached Slack", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]) {
      expect(classifySlackError(new WebAPIRequestError(socketError(code)))).toMatchObject({ code: "request_error", mayHavePosted: false });
    }
  });

  it("retries an error status; a server error may have posted, a refused request did not", () => {
    expect(classifySlackError(new WebAPIHTTPError(500, "Internal Server Error", {}, ""))).toEqual({ code: "http_error", permanent: false, mayHavePosted: true, retryAfterMs: null, detail: "HTTP 500" });
    expect(classifySlackError(new WebAPIHTTPError(502, "Bad Gateway", {}, ""))).toMatchObject({ mayHavePosted: true });
    expect(classifySlackError(new WebAPIHTTPError(503, "Service Unavailable", {}, ""))).toMatchObject({ mayHavePosted: true });
    expect(classifySlackError(new WebAPIHTTPError(400, "Bad Request", {}, ""))).toMatchObject({ mayHavePosted: false });
    expect(classifySlackError(new WebAPIHTTPError(404, "Not Found", {}, ""))).toMatchObject({ mayHavePosted: false, detail: "HTTP 404" });
    expect(classifySlackError(new WebAPIHTTPError(504, "Gateway Timeout", {}, ""))).toMatchObject({ mayHavePosted: true });
  });

  it("treats anything else as a malformed response that may have posted", () => {
    expect(classifySlackError(new Error("chat.postMessage returned no ts"))).toEqual({ code: "malformed_response", permanent: false, mayHavePosted: true, retryAfterMs: null, detail: "chat.postMessage returned no ts" });
    expect(classifySlackError("not an error")).toMatchObject({ code: "malformed_response", detail: null });
  });
});

describe("retryDelayMs", () => {
  const transient = { code: "http_error", permanent: false, mayHavePosted: false, retryAfterMs: null, detail: null };
  it("backs off 5 s, 10 s, 20 s... up to 10 min", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(transient, n))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(transient, 30)).toBe(600_000);
    expect(retryDelayMs(transient, 0)).toBe(5_000);
  });

  it("waits at least what Slack asked for", () => {
    expect(retryDelayMs({ ...transient, retryAfterMs: 90_000 }, 1)).toBe(90_000);
    expect(retryDelayMs({ ...transient, retryAfterMs: 1_000 }, 3)).toBe(20_000);
  });
});

describe("describeSlackFailure", () => {
  it("says what is wrong in the operator's words, with the detail", () => {
    expect(describeSlackFailure("token_revoked")).toBe("the Slack token was revoked");
    expect(describeSlackFailure("http_error", "HTTP 503")).toBe("Slack answered with an error status (HTTP 503)");
    expect(describeSlackFailure("is_archived")).toBe("Slack refused the message (is_archived)");
  });
});
