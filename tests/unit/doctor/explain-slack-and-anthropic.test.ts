import { describe, expect, it } from "vitest";
import { explainAnthropicFailure, type AnthropicFailure } from "@/lib/doctor/explain-anthropic-failure";
import { classifySlackCode, explainSlackFailure } from "@/lib/doctor/explain-slack-failure";

const slack = (code: string, method: "auth.test" | "conversations.open" = "conversations.open") =>
  explainSlackFailure({ method, code, operatorId: "U0NOBODY99" });

describe("explainSlackFailure", () => {
  it("sends a refused token to SLACK_BOT_TOKEN and an unknown user to SLACK_OPERATOR_USER_ID", () => {
    for (const code of ["invalid_auth", "not_authed", "token_revoked", "account_inactive"]) {
      expect(slack(code, "auth.test")).toMatch(new RegExp(`^Slack rejected SLACK_BOT_TOKEN \\(${code}\\)`));
    }
    expect(slack("user_not_found")).toBe(
      'Slack has no user "U0NOBODY99" in the bot\'s workspace (user_not_found): set SLACK_OPERATOR_USER_ID to your member ID (your Slack profile → ⋮ → Copy member ID) in the workspace the app is installed in.',
    );
    expect(slack("cannot_dm_bot")).toContain("SLACK_OPERATOR_USER_ID");
  });

  it("names the scope Slack says is missing", () => {
    expect(explainSlackFailure({ method: "conversations.open", code: "missing_scope", operatorId: "U1", needed: "im:write" })).toContain("lacks the im:write scope");
  });

  it("explains a code it has no sentence for by pointing at Slack's documentation of the method", () => {
    expect(slack("team_access_not_granted")).toContain("https://api.slack.com/methods/conversations.open");
  });

  it("classifies codes for the report", () => {
    expect(classifySlackCode("invalid_auth")).toBe("unauthorized");
    expect(classifySlackCode("user_not_found")).toBe("not_found");
    expect(classifySlackCode("ratelimited")).toBe("rate_limited");
    expect(classifySlackCode("request_error")).toBe("network");
    expect(classifySlackCode("something_new")).toBe("rejected");
  });
});

const anthropic = (failure: Partial<AnthropicFailure>) =>
  explainAnthropicFailure({ status: null, type: null, message: null, timedOut: false, ...failure }, { model: "claude-x", timeoutMs: 60_000 });

describe("explainAnthropicFailure", () => {
  it("names the key on 401 and the model on 403 and 404", () => {
    expect(anthropic({ status: 401 })).toMatchObject({ level: "fail", kind: "unauthorized", sentence: expect.stringContaining("ANTHROPIC_API_KEY (HTTP 401)") });
    expect(anthropic({ status: 403 }).sentence).toContain('may not use model "claude-x" (HTTP 403)');
    expect(anthropic({ status: 404 }).sentence).toContain('does not know model "claude-x" (HTTP 404): set LOOKOUT_AI_MODEL');
  });

  it("quotes Anthropic's own message on a refused request, such as a spent credit balance", () => {
    const fix = anthropic({ status: 400, type: "invalid_request_error", message: "Your credit balance is too low" });
    expect(fix).toMatchObject({ level: "fail", kind: "rejected" });
    expect(fix.sentence).toContain("(HTTP 400 invalid_request_error)");
    expect(fix.sentence).toContain("Anthropic says: Your credit balance is too low");
  });

  it("only warns on a rate limit, and fails an outage, a timeout or no connection", () => {
    expect(anthropic({ status: 429 }).level).toBe("warn");
    expect(anthropic({ status: 529 })).toMatchObject({ level: "fail", kind: "server_error" });
    expect(anthropic({ timedOut: true })).toMatchObject({ level: "fail", kind: "timeout", sentence: expect.stringContaining("within 60000 ms") });
    expect(anthropic({})).toMatchObject({ level: "fail", kind: "network", sentence: expect.stringContaining("ANTHROPIC_BASE_URL") });
  });
});
