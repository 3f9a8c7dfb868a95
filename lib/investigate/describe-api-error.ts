import Anthropic from "@anthropic-ai/sdk";
import { describeError } from "@/lib/describe-error";

// One line per kind of failure, for the log, the audit row and the fallback DM. Statuses are data so
// the wording stays consistent and testable.
const statusWords: Record<number, string> = {
  400: "rejected the request",
  401: "rejected the API key",
  403: "refused permission",
  404: "does not know this model or path",
  408: "timed out",
  413: "found the request too large",
  429: "rate limited Lookout",
  500: "had an internal error",
  502: "had a gateway error",
  503: "is unavailable",
  504: "timed out at the gateway",
  529: "is overloaded",
};

/** The SDK retries these itself (408/409/429/>=500), so the line says how many retries were spent. */
const isRetried = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

function retriesSuffix(retries: number): string {
  return retries > 0 ? ` after ${retries} ${retries === 1 ? "retry" : "retries"}` : "";
}

export function describeApiError(error: unknown, { retries, timeoutMs }: { retries: number; timeoutMs: number }): string {
  if (error instanceof Anthropic.APIUserAbortError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return `Anthropic API did not answer within ${timeoutMs} ms`;
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return `Anthropic API unreachable: ${describeError(error.cause ?? error)}${retriesSuffix(retries)}`;
  }
  if (error instanceof Anthropic.APIError && typeof error.status === "number") {
    const status = error.status;
    const words = statusWords[status] ?? (status >= 500 ? "failed" : "rejected the request");
    const type = (error.error as { error?: { type?: unknown } } | undefined)?.error?.type;
    const kind = typeof type === "string" ? ` ${type}` : "";
    return `Anthropic API ${words} (${status}${kind})${isRetried(status) ? retriesSuffix(retries) : ""}`;
  }
  return `Investigation failed: ${describeError(error)}`;
}
