import type { Env } from "@/lib/env";
import type { ProbeDetails } from "@/lib/probes/types";

// The last net before details are stored: probes already keep only figures, but a future field that
// carries a credential must still never reach the database.

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

/** Whether a key's name says its value is (part of) a secret, e.g. `access_token`, `apiKey`, `raw`. */
export function isSecretKey(key: string): boolean {
  const words = splitWords(key);
  const last = words[words.length - 1];
  return (last !== undefined && secretWords.has(last)) || secretKeyPatterns.some((p) => p.test(key));
}

/** Configured credential values: any env entry whose name is secret-like (vendor tokens and keys, CRON_SECRET). */
export function listCredentials(env: Env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => isSecretKey(name) && typeof value === "string" && value.length >= 8)
    .map(([, value]) => value as string);
}

/** Replaces every occurrence of a credential inside a string. */
export function redactText(text: string, credentials: string[]): string {
  return credentials.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join("[redacted]") : out), text);
}

function redactValue(value: unknown, credentials: string[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, credentials);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, credentials, depth + 1));
  const kept = Object.entries(value).filter(([key]) => !isSecretKey(key));
  return Object.fromEntries(kept.map(([key, v]) => [key, redactValue(v, credentials, depth + 1)]));
}

/** Details with secret-named keys dropped and credential values masked, at any depth. */
export function redactDetails(details: ProbeDetails, credentials: string[]): ProbeDetails {
  return redactValue(details, credentials, 0) as ProbeDetails;
}
