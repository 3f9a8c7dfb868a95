import type { WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { checkSlack, runSlackChecks } from "@/lib/doctor/check-slack";
import { createCheck } from "@/lib/doctor/types";
import { parseEnv } from "@/lib/env";

// Real Slack sends scopes in a header the simulator does not, and rate limits on demand only, so those
// paths are driven here with a client that answers like @slack/web-api does.

type FakeAnswers = { authTest: () => Promise<unknown>; open: () => Promise<unknown> };
const asClient = (a: FakeAnswers) => ({ auth: { test: a.authTest }, conversations: { open: a.open } }) as unknown as Pick<WebClient, "auth" | "conversations">;

const who = (scopes?: string[]) => async () => ({ ok: true, team: "Acme", team_id: "T1", user: "lookout", user_id: "U0BOT", response_metadata: scopes ? { scopes } : {} });
const opened = async () => ({ ok: true, channel: { id: "D123" } });
const platformError = (error: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(error), { code: "slack_webapi_platform_error", data: { ok: false, error, ...extra } }) as WebAPIPlatformError;

const run = (answers: FakeAnswers) => runSlackChecks(asClient(answers), createCheck("slack", "Slack"), "U0OPERATOR");

describe("the Slack check", () => {
  it("passes when the token works and the operator's DM opens", async () => {
    const check = await run({ authTest: who(["im:write", "chat:write"]), open: opened });
    expect(check).toMatchObject({ verdict: "ok", reachable: true, fixes: [] });
    expect(check.figures.map((f) => f.label)).toEqual(["Workspace", "Bot user", "Operator DM"]);
  });

  it("fails a token without chat:write even though the DM opens", async () => {
    const check = await run({ authTest: who(["im:write"]), open: opened });
    expect(check.verdict).toBe("fail");
    expect(check.fixes).toMatchObject([{ level: "fail", status: "missing_scope", sentence: expect.stringContaining("lacks the chat:write scope") }]);
  });

  it("keeps a failure when a later call is only rate limited", async () => {
    const check = await run({ authTest: who(["im:write"]), open: () => Promise.reject(Object.assign(new Error("ratelimited"), { code: "slack_webapi_rate_limited_error", retryAfter: 2 }) as WebAPIRateLimitedError) });
    expect(check.fixes.map((f) => f.level)).toEqual(["fail", "warn"]);
    expect(check.verdict).toBe("fail");
  });

  it("names the scope Slack says conversations.open needs", async () => {
    const check = await run({ authTest: who(), open: () => Promise.reject(platformError("missing_scope", { needed: "im:write" })) });
    expect(check).toMatchObject({ verdict: "fail", problems: ["Slack conversations.open failed: missing_scope"] });
    expect(check.fixes[0]?.sentence).toContain("lacks the im:write scope");
  });

  it("stops after a refused token without trying the DM", async () => {
    let opens = 0;
    const check = await run({ authTest: () => Promise.reject(platformError("invalid_auth")), open: async () => (opens++, opened()) });
    expect(opens).toBe(0);
    expect(check).toMatchObject({ verdict: "fail", reachable: true, figures: [], fixes: [{ kind: "unauthorized", sentence: expect.stringContaining("SLACK_BOT_TOKEN") }] });
  });

  it("lists the missing variable when only one of the two is set", async () => {
    const check = await checkSlack(parseEnv({ SLACK_BOT_TOKEN: "xoxb-1-2-3" }));
    expect(check).toMatchObject({ verdict: "unconfigured", configured: false, missing: ["SLACK_OPERATOR_USER_ID"] });
  });
});
