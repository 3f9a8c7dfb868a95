import { ErrorCode } from "@slack/web-api";

/**
 * Platform errors that say the fault is on Slack's side (docs.slack.dev/reference/methods/chat.postMessage,
 * "Errors", and the Web API's common errors). Every other refusal (invalid_auth, token_revoked,
 * channel_not_found, user_not_found, not_in_channel, missing_scope, ...) is answered again on a retry.
 */
const transientPlatformErrors = new Set(["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** Node's socket error when nothing listens: the request never left, so it cannot have posted. */
const NOT_SENT_SOCKET_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export interface SlackFailure {
  /** Slack's own error code, or one of ratelimited, http_error, timeout, request_error, malformed_response. */
  code: string;
  /** Retrying cannot help: the token, the operator or a scope must be fixed first. */
  permanent: boolean;
  /** The request may have reached Slack and posted although no answer was read: look before posting again. */
  mayHavePosted: boolean;
  /** How long Slack asked Lookout to wait (Retry-After), or null when it did not say. */
  retryAfterMs: number | null;
  /** A few words for the log line and the operator (an HTTP status, say); never request details. */
  detail: string | null;
}

interface SlackErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: { name?: unknown; code?: unknown };
}

const SLACK_ERROR_CODE = /^([a-z][a-z0-9_]{0,63})(?:\s|$)/;

/** Maps what the Slack client threw to a stored error code, and whether and how it may be tried again. */
export function classifySlackError(error: unknown): SlackFailure {
  // Matched on the client's documented codes, not instanceof, so a second copy of the package still matches.
  const e = (typeof error === "object" && error !== null ? error : {}) as SlackErrorShape;
  switch (e.code) {
    case ErrorCode.PlatformError: {
      // Slack's codes are snake_case words; only such a word is kept (text after it could quote anything). A
      // reply without one is not Slack speaking: the body did not parse as Slack's envelope.
      const code = (typeof e.data?.error === "string" ? SLACK_ERROR_CODE.exec(e.data.error)?.[1] : undefined) ?? "malformed_response";
      if (code === "malformed_response") return { code, permanent: false, mayHavePosted: true, retryAfterMs: null, detail: "the reply was not Slack's JSON" };
      return { code, permanent: !transientPlatformErrors.has(code), mayHavePosted: false, retryAfterMs: null, detail: null };
    }
    case ErrorCode.RateLimitedError: {
      const seconds = typeof e.retryAfter === "number" && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : null;
      return { code: "ratelimited", permanent: false, mayHavePosted: false, retryAfterMs: seconds === null ? null : seconds * 1000, detail: seconds === null ? null : `retry after ${seconds} s` };
    }
    case ErrorCode.HTTPError: {
      // A server error (500, a gateway's 502/504, even a 503) may come after Slack acted, so it is looked up before
      // posting again; a 4xx status means the request was refused as sent.
      const status = typeof e.statusCode === "number" ? e.statusCode : null;
      return { code: "http_error", permanent: false, mayHavePosted: status === null || status >= 500, retryAfterMs: null, detail: `HTTP ${status ?? "error"}` };
    }
    case ErrorCode.RequestError: {
      const name = e.original?.name;
      const socket = typeof e.original?.code === "string" ? e.original.code : null;
      if (name === "TimeoutError" || name === "AbortError") return { code: "timeout", permanent: false, mayHavePosted: true, retryAfterMs: null, detail: "no answer in time" };
      const sent = !(socket && NOT_SENT_SOCKET_ERRORS.has(socket));
      return { code: "request_error", permanent: false, mayHavePosted: sent, retryAfterMs: null, detail: socket };
    }
    default:
      return { code: "malformed_response", permanent: false, mayHavePosted: true, retryAfterMs: null, detail: error instanceof Error ? error.message.slice(0, 120) : null };
  }
}

const BASE_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;

/** When to try again: Slack's Retry-After when it gave one (however long), else 5 s, 10 s, 20 s... up to 10 min. */
export function retryDelayMs(failure: SlackFailure, attempts: number): number {
  const backoff = Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, failure.retryAfterMs ?? 0);
}

const reasons: Record<string, string> = {
  slack_not_configured: "Slack is not configured (SLACK_BOT_TOKEN and SLACK_OPERATOR_USER_ID)",
  invalid_auth: "Slack rejected SLACK_BOT_TOKEN",
  not_authed: "Slack received no token",
  token_revoked: "the Slack token was revoked",
  token_expired: "the Slack token expired",
  account_inactive: "the Slack app or its workspace is deactivated",
  user_not_found: "SLACK_OPERATOR_USER_ID is not a user in this workspace",
  channel_not_found: "the operator's DM channel was not found",
  not_in_channel: "the bot is not in the operator's DM channel",
  missing_scope: "the Slack app lacks a scope it needs",
  ratelimited: "Slack is rate-limiting Lookout",
  http_error: "Slack answered with an error status",
  timeout: "Slack did not answer in time",
  request_error: "Slack could not be reached",
  malformed_response: "Slack's reply could not be read",
};

/** The words the dashboard and the timeline show for a failure code. */
export function describeSlackFailure(code: string, detail?: string | null): string {
  const reason = reasons[code] ?? `Slack refused the message (${code})`;
  return detail ? `${reason} (${detail})` : reason;
}
