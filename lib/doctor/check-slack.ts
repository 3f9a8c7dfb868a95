import type { WebClient } from "@slack/web-api";
import { describeEndpoint, listUnset } from "@/lib/doctor/describe-endpoint";
import { classifySlackCode, explainMissingChatWrite, explainSlackFailure } from "@/lib/doctor/explain-slack-failure";
import { createCheck, type DoctorCheck } from "@/lib/doctor/types";
import type { Env } from "@/lib/env";
import { classifySlackError } from "@/lib/slack/classify-slack-error";
import { createSlackClient, isSlackConfigured } from "@/lib/slack/create-slack-client";

// Slack: is the bot token accepted (auth.test), and can the bot open a DM with the operator
// (conversations.open, which posts nothing)? Those are the two calls every incident DM starts with.

const requiredEnv = ["SLACK_BOT_TOKEN", "SLACK_OPERATOR_USER_ID"] as const;

type Method = "auth.test" | "conversations.open";

function describeFailure(check: DoctorCheck, method: Method, error: unknown, operatorId: string): DoctorCheck {
  const failure = classifySlackError(error);
  const data = (error as { data?: { needed?: unknown } } | null)?.data;
  const needed = typeof data?.needed === "string" ? data.needed : null;
  const retryAfterS = failure.retryAfterMs === null ? null : failure.retryAfterMs / 1000;
  const kind = classifySlackCode(failure.code);
  // A rate limit is Slack answering "later", not refusing the token.
  const level = kind === "rate_limited" ? "warn" : "fail";
  check.reachable = kind !== "timeout" && kind !== "network";
  check.problems.push(`Slack ${method} failed: ${failure.code}${failure.detail ? ` (${failure.detail})` : ""}`);
  check.fixes.push({ level, kind, status: failure.code, sentence: explainSlackFailure({ method, code: failure.code, operatorId, needed, retryAfterS }) });
  return check;
}

/** The two calls, in order, with whatever client is given; the verdict is the worst fix found. */
export async function runSlackChecks(client: Pick<WebClient, "auth" | "conversations">, check: DoctorCheck, operatorId: string): Promise<DoctorCheck> {
  await runChecks(client, check, operatorId);
  check.verdict = check.fixes.some((f) => f.level === "fail") ? "fail" : check.fixes.length > 0 ? "warn" : "ok";
  return check;
}

async function runChecks(client: Pick<WebClient, "auth" | "conversations">, check: DoctorCheck, operatorId: string): Promise<DoctorCheck> {
  let method: Method = "auth.test";
  try {
    const who = await client.auth.test();
    check.reachable = true;
    check.figures.push({ label: "Workspace", value: who.team ?? "(unnamed)", ...(who.team_id ? { detail: who.team_id } : {}) });
    check.figures.push({ label: "Bot user", value: who.user ?? "(unnamed)", ...(who.user_id ? { detail: who.user_id } : {}) });
    // Slack lists a token's scopes in a header on every answer; when it does, a missing chat:write shows now.
    const scopes = who.response_metadata?.scopes;
    if (scopes && !scopes.includes("chat:write")) {
      check.fixes.push({ level: "fail", kind: "forbidden", status: "missing_scope", sentence: explainMissingChatWrite() });
    }
    method = "conversations.open";
    const opened = await client.conversations.open({ users: operatorId });
    const channel = opened.channel?.id;
    check.figures.push({ label: "Operator DM", value: `${operatorId} can be sent a DM`, ...(channel ? { detail: `channel ${channel}` } : {}) });
    return check;
  } catch (error) {
    return describeFailure(check, method, error, operatorId);
  }
}

/** Checks the Slack bot token and the operator's DM; unconfigured unless both variables are set. */
export async function checkSlack(env: Env): Promise<DoctorCheck> {
  const endpoint = describeEndpoint(env.SLACK_API_URL);
  const client = createSlackClient(env);
  if (!client || !isSlackConfigured(env)) {
    return createCheck("slack", "Slack", { verdict: "unconfigured", configured: false, missing: listUnset(env, requiredEnv), endpoint });
  }
  const started = performance.now();
  const check = await runSlackChecks(client, createCheck("slack", "Slack", { endpoint }), env.SLACK_OPERATOR_USER_ID);
  check.latencyMs = Math.round(performance.now() - started);
  return check;
}
