import type { FailureKind } from "@/lib/doctor/types";

// Fix-it sentences for what Slack answers to auth.test and conversations.open, by Slack's error code
// (`invalid_auth`, `user_not_found`, …) or the client's own (`ratelimited`, `timeout`, `request_error`).

export interface SlackFailureContext {
  method: "auth.test" | "conversations.open";
  code: string;
  operatorId: string;
  /** The scope Slack says is missing, from `missing_scope` answers. */
  needed?: string | null;
  retryAfterS?: number | null;
}

const tokenFix =
  "use the app's Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app to the workspace if it was removed";
const rejectedToken = (c: SlackFailureContext) => `Slack rejected SLACK_BOT_TOKEN (${c.code}): ${tokenFix}.`;

const sentences: Record<string, (c: SlackFailureContext) => string> = {
  not_authed: rejectedToken,
  invalid_auth: rejectedToken,
  account_inactive: rejectedToken,
  token_revoked: rejectedToken,
  token_expired: rejectedToken,
  not_allowed_token_type: (c) => `SLACK_BOT_TOKEN is not a bot token (${c.code}): ${tokenFix}.`,
  user_not_found: (c) =>
    `Slack has no user "${c.operatorId}" in the bot's workspace (user_not_found): set SLACK_OPERATOR_USER_ID to your member ID (your Slack profile → ⋮ → Copy member ID) in the workspace the app is installed in.`,
  user_disabled: (c) => `Slack user "${c.operatorId}" is deactivated (user_disabled): set SLACK_OPERATOR_USER_ID to an active member's ID.`,
  cannot_dm_bot: (c) => `"${c.operatorId}" is a bot, which cannot be sent a DM (cannot_dm_bot): set SLACK_OPERATOR_USER_ID to your own member ID.`,
  missing_scope: (c) =>
    `SLACK_BOT_TOKEN lacks the ${c.needed ?? "im:write"} scope (missing_scope): add im:write and chat:write under OAuth & Permissions, reinstall the app, and copy the new bot token.`,
  ratelimited: (c) =>
    `Slack rate limited the check${c.retryAfterS == null ? "" : ` (retry after ${c.retryAfterS} s)`}, so it could not finish; the token was not refused: run npm run doctor again after the wait.`,
  timeout: () => "Slack did not answer within SLACK_TIMEOUT_MS: check SLACK_API_URL and that this machine can reach slack.com (proxy, firewall).",
  request_error: () => "Slack could not be reached: check SLACK_API_URL and this machine's network, DNS and proxy.",
  http_error: () => "Slack answered with an HTTP error: check that SLACK_API_URL is https://slack.com/api, or try again if Slack is having an outage.",
};

const kinds: Record<string, FailureKind> = {
  not_authed: "unauthorized",
  invalid_auth: "unauthorized",
  account_inactive: "unauthorized",
  token_revoked: "unauthorized",
  token_expired: "unauthorized",
  not_allowed_token_type: "unauthorized",
  missing_scope: "forbidden",
  user_not_found: "not_found",
  ratelimited: "rate_limited",
  timeout: "timeout",
  request_error: "network",
  http_error: "server_error",
};

/** What a Slack code means to the operator; any code not listed is Slack refusing the call. */
export function classifySlackCode(code: string): FailureKind {
  return kinds[code] ?? "rejected";
}

/** The fix-it sentence for one Slack failure. */
export function explainSlackFailure(c: SlackFailureContext): string {
  const sentence = sentences[c.code];
  if (sentence) return sentence(c);
  return `Slack answered ${c.code} to ${c.method}: see https://api.slack.com/methods/${c.method} for what it means, and check SLACK_BOT_TOKEN and SLACK_OPERATOR_USER_ID.`;
}

/** The sentence for a token that can open the DM but not post in it. */
export function explainMissingChatWrite(): string {
  return "SLACK_BOT_TOKEN lacks the chat:write scope, so the DM could be opened but never posted: add chat:write under OAuth & Permissions, reinstall the app, and copy the new bot token.";
}
