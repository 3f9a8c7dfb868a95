import { envSchema, type Env } from "@/lib/env";
import { isSecretKey, listCredentials, redactText } from "@/lib/redact";

// The last line of defence: every line the doctor prints, text or JSON, on stdout or stderr, passes
// through here with every credential it was configured with.

const minLength = 8;

/**
 * The configured credentials as they may appear in output: raw and trimmed (the configuration may be
 * invalid, so nothing was parsed), plus their JSON-escaped form for `--json`. Longest first, so a
 * credential that contains another is masked whole.
 */
export function listOutputCredentials(source: Record<string, string | undefined>, env: Env | null): string[] {
  const raw = Object.keys(envSchema.shape).flatMap((name) => {
    const value = source[name];
    return isSecretKey(name) && typeof value === "string" ? [value, value.trim()] : [];
  });
  const all = [...raw, ...(env ? listCredentials(env) : [])].filter((v) => v.length >= minLength);
  const escaped = all.map((v) => JSON.stringify(v).slice(1, -1));
  return [...new Set([...all, ...escaped])].sort((a, b) => b.length - a.length);
}

/** Text with every credential and known token shape masked. */
export function redactOutput(text: string, credentials: string[]): string {
  return redactText(text, credentials);
}

function redactStrings(value: unknown, credentials: string[]): unknown {
  if (typeof value === "string") return redactText(value, credentials);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, credentials));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, credentials)]));
  }
  return value;
}

/** The JSON document, redacted value by value and then once more as text. */
export function formatRedactedJson(value: unknown, credentials: string[]): string {
  return redactText(JSON.stringify(redactStrings(value, credentials), null, 2), credentials);
}

/** Routes console output (a client library's log line, say) through redaction too. */
export function guardConsole(credentials: string[]): void {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(redactText(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "), credentials));
  }
}
