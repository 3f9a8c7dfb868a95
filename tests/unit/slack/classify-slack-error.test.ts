import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "@/lib/slack/classify-slack-error";

describe("classifySlackError", () => {
  it("keeps Slack's own code for ok:false and never retries it", () => {
    expect(classifySlackError(new WebAPIPlatformError({ ok: false, error: "channel_not_found" }))).toMatchObject({ code: "channel_not_found", retryAfterMs: null });
  });

  it("waits out a short rate limit and gives up on a long one", () => {
    expect(classifySlackError(new WebAPIRateLimitedError(1))).toMatchObject({ code: "ratelimited", retryAfterMs: 1000 });
    expect(classifySlackError(new WebAPIRateLimitedError(5))).toMatchObject({ retryAfterMs: 5000 });
    expect(classifySlackError(new WebAPIRateLimitedError(30))).toMatchObject({ code: "ratelimited", retryAfterMs: null });
  });

  it("never retries a timeout or a request error: Slack may already have posted", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(classifySlackError(new WebAPIRequestError(timeout))).toMatchObject({ code: "timeout", retryAfterMs: null });
    expect(classifySlackError(new WebAPIRequestError(new Error("ECONNRESET")))).toMatchObject({ code: "request_error", retryAfterMs: null });
  });

  it("retries a non-200 answer", () => {
    const failure = classifySlackError(new WebAPIHTTPError(500, "Internal Server Error", {}, ""));
    expect(failure.code).toBe("http_error");
    expect(failure.retryAfterMs).not.toBeNull();
    expect(failure.detail).toBe("HTTP 500");
  });

  it("treats anything else as an unexpected response", () => {
    expect(classifySlackError(new Error("conversations.open returned no channel id"))).toMatchObject({ code: "unexpected_response", retryAfterMs: null });
  });
});
