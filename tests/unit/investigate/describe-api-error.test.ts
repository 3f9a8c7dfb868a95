import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { describeApiError } from "@/lib/investigate/describe-api-error";

const opts = { retries: 2, timeoutMs: 500 };
const apiError = (status: number, type: string) =>
  Anthropic.APIError.generate(status, { type: "error", error: { type, message: "x" } }, undefined, new Headers());

describe("describeApiError", () => {
  it.each([
    [529, "overloaded_error", "Anthropic API is overloaded (529 overloaded_error) after 2 retries"],
    [429, "rate_limit_error", "Anthropic API rate limited Lookout (429 rate_limit_error) after 2 retries"],
    [500, "api_error", "Anthropic API had an internal error (500 api_error) after 2 retries"],
    [401, "authentication_error", "Anthropic API rejected the API key (401 authentication_error)"],
    [400, "invalid_request_error", "Anthropic API rejected the request (400 invalid_request_error)"],
    [403, "permission_error", "Anthropic API refused permission (403 permission_error)"],
    [404, "not_found_error", "Anthropic API does not know this model or path (404 not_found_error)"],
    [408, "timeout_error", "Anthropic API timed out (408 timeout_error) after 2 retries"],
    [409, "conflict_error", "Anthropic API rejected the request (409 conflict_error) after 2 retries"],
    [413, "request_too_large", "Anthropic API found the request too large (413 request_too_large)"],
    [502, "api_error", "Anthropic API had a gateway error (502 api_error) after 2 retries"],
    [503, "api_error", "Anthropic API is unavailable (503 api_error) after 2 retries"],
    [504, "api_error", "Anthropic API timed out at the gateway (504 api_error) after 2 retries"],
  ])("names status %i in one line", (status, type, line) => {
    expect(describeApiError(apiError(status, type), opts)).toBe(line);
  });

  it("leaves out retries when none were allowed", () => {
    expect(describeApiError(apiError(529, "overloaded_error"), { ...opts, retries: 0 })).toBe("Anthropic API is overloaded (529 overloaded_error)");
  });

  it("names a status it has no words for by whether the server or the request failed", () => {
    expect(describeApiError(apiError(501, "api_error"), opts)).toBe("Anthropic API failed (501 api_error) after 2 retries");
    expect(describeApiError(apiError(422, "invalid_request_error"), opts)).toBe("Anthropic API rejected the request (422 invalid_request_error)");
  });

  it("says retry, not retries, after a single retry", () => {
    expect(describeApiError(apiError(529, "overloaded_error"), { ...opts, retries: 1 })).toBe("Anthropic API is overloaded (529 overloaded_error) after 1 retry");
  });

  it("leaves out the error type when the body names none", () => {
    const generate = (body: unknown) => Anthropic.APIError.generate(500, body as object, undefined, new Headers());
    expect(describeApiError(generate(undefined), opts)).toBe("Anthropic API had an internal error (500) after 2 retries");
    expect(describeApiError(generate({ type: "error" }), opts)).toBe("Anthropic API had an internal error (500) after 2 retries");
    expect(describeApiError(generate({ type: "error", error: { type: 7 } }), opts)).toBe("Anthropic API had an internal error (500) after 2 retries");
  });

  it("describes timeouts, aborts and unreachable hosts", () => {
    expect(describeApiError(new Anthropic.APIConnectionTimeoutError(), opts)).toBe("Anthropic API did not answer within 500 ms");
    expect(describeApiError(new Anthropic.APIUserAbortError(), opts)).toBe("Anthropic API did not answer within 500 ms");
    expect(describeApiError(new Anthropic.APIConnectionError({ cause: new Error("connect ECONNREFUSED 127.0.0.1:1") }), opts)).toBe(
      "Anthropic API unreachable: connect ECONNREFUSED 127.0.0.1:1 after 2 retries",
    );
  });

  it("falls back to the error's own line for anything else", () => {
    expect(describeApiError(new TypeError("boom"), opts)).toBe("Investigation failed: boom");
    // A status only counts on an Anthropic API error, and only when it is a number.
    expect(describeApiError(Object.assign(new Error("boom"), { status: 500 }), opts)).toBe("Investigation failed: boom");
    expect(describeApiError(new Anthropic.APIError(undefined, undefined, "no status", undefined), opts)).toBe("Investigation failed: no status");
  });
});
