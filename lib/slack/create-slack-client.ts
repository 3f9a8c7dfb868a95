import { LogLevel, WebClient, type Logger } from "@slack/web-api";
import type { Env } from "@/lib/env";
import { listCredentials, redactText } from "@/lib/redact";

/** Whether a bot token and an operator to DM are both configured. */
export function isSlackConfigured(env: Env): env is Env & { SLACK_BOT_TOKEN: string; SLACK_OPERATOR_USER_ID: string } {
  return Boolean(env.SLACK_BOT_TOKEN && env.SLACK_OPERATOR_USER_ID);
}

// The client's own logger would print at info level and can echo request details; ours speaks only at
// error level and masks every configured credential before a line leaves the process.
function createErrorLogger(credentials: string[]): Logger {
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...parts: unknown[]) => console.error(`[lookout] Slack client: ${redactText(parts.map(String).join(" "), credentials)}`),
    setLevel: () => {},
    getLevel: () => LogLevel.ERROR,
    setName: () => {},
  };
}

/**
 * A Slack Web API client, or null when Slack is not configured. Call it only when a message is about
 * to be sent. The client never retries on its own: send-dm decides, because a blind retry after a
 * timeout could post the same DM twice.
 */
export function createSlackClient(env: Env): WebClient | null {
  if (!isSlackConfigured(env)) return null;
  return new WebClient(env.SLACK_BOT_TOKEN, {
    slackApiUrl: env.SLACK_API_URL,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: env.SLACK_TIMEOUT_MS,
    logger: createErrorLogger(listCredentials(env)),
  });
}
