import { ErrorCode } from "@slack/web-api";

/** The longest Retry-After Lookout waits out inside one send; longer limits fail now and retry later. */
export const MAX_RATE_LIMIT_WAIT_S = 5;
const HTTP_RETRY_DELAY_MS = 500;

/**
 * How often each failure may be retried within one send; anything else is never retried. Timeouts and
 * request errors are absent on purpose: Slack may already have posted, so a retry could DM twice.
 */
export const retryBudgets: Readonly<Record<string, number>> = { ratelimited: 2, http_error: 1 };

export interface SlackFailure {
  /** Slack's own error code, or one of ratelimited, http_error, timeout, request_error, unexpected_response. */
  code: string;
  /** How long to wait before a retry, or null when this failure must not be retried. */
  retryAfterMs: number | null;
  /** A few words for the log line (an HTTP status, say); never request details. */
  detail: string | null;
}

interface SlackErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: { name?: unknown };
}

/** Maps what the Slack client threw to a stored error code and whether it is worth retrying. */
export function classifySlackError(error: unknown): SlackFailure {
  // Matched on the client's documented codes, not instanceof, so a second copy of the package still matches.
  const e = (typeof error === "object" && error !== null ? error : {}) as SlackErrorShape;
  switch (e.code) {
    case ErrorCode.PlatformError:
      return { code: typeof e.data?.error === "string" ? e.data.error : "platform_error", retryAfterMs: null, detail: null };
    case ErrorCode.RateLimitedError: {
      const seconds = typeof e.retryAfter === "number" ? e.retryAfter : Infinity;
      return { code: "ratelimited", retryAfterMs: seconds <= MAX_RATE_LIMIT_WAIT_S ? seconds * 1000 : null, detail: `retry after ${seconds} s` };
    }
    case ErrorCode.HTTPError:
      return { code: "http_error", retryAfterMs: HTTP_RETRY_DELAY_MS, detail: `HTTP ${String(e.statusCode)}` };
    case ErrorCode.RequestError: {
      const name = e.original?.name;
      const timedOut = name === "TimeoutError" || name === "AbortError";
      return { code: timedOut ? "timeout" : "request_error", retryAfterMs: null, detail: null };
    }
    default:
      return { code: "unexpected_response", retryAfterMs: null, detail: error instanceof Error ? error.message.slice(0, 120) : null };
  }
}
