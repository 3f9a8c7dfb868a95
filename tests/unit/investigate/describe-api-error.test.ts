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
  ])("names status %i in one line", (status, type, line) => {
    expect(describeApiError(apiError(status, type), opts)).toBe(line);
  });

  it("leaves out retries when none were allowed", () => {
    expect(describeApiError(apiError(529, "overloaded_error"), { ...opts, retries: 0 })).toBe("Anthropic API is overloaded (529 overloaded_error)");
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
  });
});
