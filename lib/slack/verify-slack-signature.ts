import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack's request signing, version v0 ("Verifying requests from Slack",
 * api.slack.com/authentication/verifying-requests-from-slack): the signature is
 * `v0=` + hex(HMAC-SHA256(signing secret, `v0:{X-Slack-Request-Timestamp}:{raw body}`)), sent as
 * `X-Slack-Signature`. A request older (or newer) than five minutes is refused, so a captured one cannot be replayed later.
 */
export const SLACK_SIGNATURE_VERSION = "v0";
export const MAX_CLOCK_SKEW_S = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: "not_configured" | "missing_headers" | "stale" | "bad_signature" };

export interface SignedRequest {
  /** The raw body exactly as received: a re-encoded body would not match. */
  body: string;
  timestamp: string | null;
  signature: string | null;
}

/** `v0=<hex>` for this body and timestamp. Also what the simulator signs with. */
export function signSlackRequest(secret: string, timestamp: string, body: string): string {
  const hmac = createHmac("sha256", secret).update(`${SLACK_SIGNATURE_VERSION}:${timestamp}:${body}`).digest("hex");
  return `${SLACK_SIGNATURE_VERSION}=${hmac}`;
}

/** Checks a request's Slack signature; `secret` unset refuses everything rather than letting anything through. */
export function verifySlackSignature(secret: string | undefined, request: SignedRequest, now: Date = new Date()): SignatureCheck {
  if (!secret) return { ok: false, reason: "not_configured" };
  const { timestamp, signature, body } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "stale" };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signSlackRequest(secret, timestamp, body), "utf8");
  const given = Buffer.from(signature, "utf8");
  // timingSafeEqual throws on a length mismatch; the length of a hex digest is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  return { ok: true };
}

/** The two headers Slack signs with, read from a request. */
export function readSlackSignatureHeaders(headers: Headers): Pick<SignedRequest, "timestamp" | "signature"> {
  return { timestamp: headers.get("x-slack-request-timestamp"), signature: headers.get("x-slack-signature") };
}
