// Turns vendor error bodies, rate-limit signals and socket errors into short, secret-free phrases.

const maxMessageChars = 200;

/** Collapses whitespace, hides query strings and bearer values, and truncates, so a message is safe to store. */
export function tidyMessage(raw: string): string {
  const oneLine = raw
    .replace(/<[^>]*>/g, " ")
    .replace(/(https?:\/\/[^\s?#"']+)\?[^\s#"']*/gi, "$1?…")
    .replace(/\b(Bearer|Basic|FlyV1)\s+[^\s,;"']+/gi, "$1 [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return oneLine.length > maxMessageChars ? `${oneLine.slice(0, maxMessageChars - 1)}…` : oneLine;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * The human message inside a vendor's error body. Shapes, by vendor:
 * Vercel `{error:{code,message}}`, Fly `{error, message?}`, PostgREST `{code,message,hint}`,
 * GoTrue `{msg}` / `{error_description}`, Sentry `{detail}`, Doppler `{messages:[...]}`.
 */
export function readVendorMessage(body: unknown): string | null {
  if (typeof body === "string") return nonEmpty(body);
  if (!isRecord(body)) return null;
  if (isRecord(body.error)) return nonEmpty(body.error.message) ?? nonEmpty(body.error.code);
  if (Array.isArray(body.messages)) {
    const joined = body.messages.filter((m): m is string => typeof m === "string").join("; ");
    return nonEmpty(joined);
  }
  const short = nonEmpty(body.error);
  if (short) {
    const detail = nonEmpty(body.message) ?? nonEmpty(body.error_description);
    return detail && detail !== short ? `${short}: ${detail}` : short;
  }
  const message = nonEmpty(body.message) ?? nonEmpty(body.msg) ?? nonEmpty(body.error_description) ?? nonEmpty(body.detail);
  const code = nonEmpty(body.code);
  if (message && code && /^PGRST/.test(code)) return `${message} (${code})`;
  return message ?? code;
}

/**
 * Seconds until a rate-limited call may be retried: the standard `Retry-After` header (seconds or
 * HTTP date), else Vercel's `error.limit.reset` (epoch seconds), else Sentry's
 * `X-Sentry-Rate-Limit-Reset` (epoch seconds; Sentry sends no Retry-After).
 */
export function readRetryAfter(headers: Headers, body: unknown, nowMs: number = Date.now()): number | null {
  const untilEpoch = (epochS: number) => Math.max(0, Math.ceil(epochS - nowMs / 1000));

  const header = headers.get("retry-after")?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header));
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }

  if (isRecord(body) && isRecord(body.error) && isRecord(body.error.limit)) {
    const { reset, resetMs } = body.error.limit;
    if (typeof resetMs === "number" && resetMs > 1e12) return untilEpoch(resetMs / 1000);
    // Small numbers are a relative wait, large ones an epoch timestamp.
    if (typeof reset === "number") return reset > 1e9 ? untilEpoch(reset) : Math.ceil(reset);
  }

  const sentryReset = Number(headers.get("x-sentry-rate-limit-reset"));
  if (headers.has("x-sentry-rate-limit-reset") && Number.isFinite(sentryReset)) return untilEpoch(sentryReset);
  return null;
}

const networkPhrases: Record<string, string> = {
  ECONNRESET: "connection reset",
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed while sending",
  UND_ERR_SOCKET: "connection closed by the server",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  UND_ERR_HEADERS_TIMEOUT: "no response headers in time",
  UND_ERR_BODY_TIMEOUT: "response body stalled",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host",
};

/** Finds the socket-level cause under undici's generic "fetch failed" and names it, e.g. `connection reset (ECONNRESET)`. */
export function describeNetworkError(err: unknown): string {
  let current: unknown = err;
  let deepest = err instanceof Error ? err.message : String(err);
  for (let depth = 0; depth < 4 && isRecord(current); depth++) {
    const code = nonEmpty(current.code);
    if (code) return `${networkPhrases[code] ?? tidyMessage(String(current.message ?? code))} (${code})`;
    deepest = nonEmpty(current.message) ?? deepest;
    // Happy-eyeballs connects fail with an AggregateError whose first entry carries the code.
    const nested = Array.isArray(current.errors) ? current.errors[0] : undefined;
    current = current.cause ?? nested;
  }
  return tidyMessage(deepest || "unknown network error");
}
