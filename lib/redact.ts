import type { Env } from "@/lib/env";
import type { ProbeDetails } from "@/lib/probes/types";

// The one redaction module for every path out: stored details, logs, prompts and Slack messages. It
// knows the configured credentials' values and the shapes common tokens take.

/** Last words of a key that name a secret. Judged on the last word so `secrets_tracked` or `token_type` survive. */
const secretWords = new Set([
  "token", "tokens", "key", "keys", "apikey", "secret", "secrets", "password", "passwords", "passwd",
  "authorization", "cookie", "credential", "credentials", "preview", "raw", "computed", "dsn",
]);
const secretKeyPatterns = [/connection_?string/i, /database_?url/i];

function splitWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a key's name says its value is (part of) a secret, e.g. `access_token`, `apiKey`, `raw`, `api_key_2`. */
export function isSecretKey(key: string): boolean {
  // A numbered key (`api_key_2`, `TOKEN2`) is judged on the word before its number.
  const words = splitWords(key.replace(/[0-9]+$/, ""));
  const last = words[words.length - 1];
  return (last !== undefined && secretWords.has(last)) || secretKeyPatterns.some((p) => p.test(key));
}

/** Configured credential values: any env entry whose name is secret-like (vendor tokens and keys, CRON_SECRET). */
export function listCredentials(env: Env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => isSecretKey(name) && typeof value === "string" && value.length >= 8)
    .map(([, value]) => value as string);
}

/** Token shapes worth masking even when they are not configured here (a pasted token in an error, say). */
const tokenShapes: [RegExp, string][] = [
  [/\bsbp_[A-Za-z0-9]{8,}/g, "[redacted]"],
  [/\bdp\.(?:st|pt|ct|sa|scim|audit)\.[A-Za-z0-9._-]{8,}/g, "[redacted]"],
  [/\bxox[abposr]-[A-Za-z0-9-]{8,}/g, "[redacted]"],
  [/\bsk-ant-[A-Za-z0-9_-]{8,}/g, "[redacted]"],
  [/\bsntry[su]_[A-Za-z0-9_=-]{8,}/g, "[redacted]"],
  [/\bfo1_[A-Za-z0-9_-]{8,}/g, "[redacted]"],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, "[redacted]"],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, "[redacted]"],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/g, "[redacted]"],
  [/\bAKIA[0-9A-Z]{16}\b/g, "[redacted]"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, "[redacted]"],
  // Fly macaroon tokens can hold several comma-separated parts.
  [/\b(Bearer|FlyV1)\s+[A-Za-z0-9._~+/=,-]{8,}/gi, "$1 [redacted]"],
  // The user may be empty: `redis://:password@host` is how Redis URLs carry a password alone. The password runs to
  // the last @ before the host (an unescaped @ inside it is common) but not past a quote or bracket; the scheme may be glued to a word (`url_`).
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/"'<>]+@/gi, "$1[redacted]@"],
];

/** The shortest head of a credential still worth masking when a message was cut inside it. */
const minHeadLength = 8;

/**
 * A credential cut short where a message was truncated ("…sk-ant-Hq7V…", or at the very end): its tail
 * is gone but its head is still part of a secret, so the head is masked too.
 */
function maskTruncated(text: string, secret: string): string {
  for (let length = secret.length - 1; length >= minHeadLength; length--) {
    const head = secret.slice(0, length);
    if (text.endsWith(head)) text = `${text.slice(0, -head.length)}[redacted]`;
    if (text.includes(`${head}…`)) text = text.split(`${head}…`).join("[redacted]…");
  }
  return text;
}

/** Replaces every configured credential and every known token shape inside a string. */
export function redactText(text: string, credentials: string[]): string {
  const masked = credentials.reduce((out, secret) => maskTruncated(out.includes(secret) ? out.split(secret).join("[redacted]") : out, secret), text);
  return tokenShapes.reduce((out, [shape, replacement]) => out.replace(shape, replacement), masked);
}

function redactValue(value: unknown, credentials: string[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, credentials);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any detail Lookout writes: what cannot be walked is not passed on (fail closed).
  if (depth > 8) return "[redacted: nested too deep]";
  if (Array.isArray(value)) return value.map((v) => redactValue(v, credentials, depth + 1));
  const kept = Object.entries(value).filter(([key]) => !isSecretKey(key));
  return Object.fromEntries(kept.map(([key, v]) => [key, redactValue(v, credentials, depth + 1)]));
}

/** Details with secret-named keys dropped and credential values masked, at any depth. */
export function redactDetails(details: ProbeDetails, credentials: string[]): ProbeDetails {
  return redactValue(details, credentials, 0) as ProbeDetails;
}
