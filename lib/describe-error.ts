import { getEnv } from "@/lib/env";
import { listCredentials, redactText } from "@/lib/redact";

/** The configured credentials, or none when the configuration itself is what failed to load. */
function credentials(): string[] {
  try {
    return listCredentials(getEnv());
  } catch {
    return [];
  }
}

/**
 * One line for a log or a summary, passed through the redaction module: an error may quote a header,
 * a URL or a token it was given. Prisma's messages start with a blank line and a code excerpt, so for
 * those the driver's own message (or the last line) is what says what went wrong.
 */
export function describeError(error: unknown): string {
  return redactText(describe(error), credentials()).slice(0, 300);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown } } } }).meta?.driverAdapterError?.cause;
  const code = (error as { code?: unknown }).code;
  const lines = error.message.split("\n").map((l) => l.trim()).filter(Boolean);
  const text = typeof cause?.originalMessage === "string" ? cause.originalMessage : (lines.at(-1) ?? error.name);
  return typeof code === "string" ? `${code}: ${text}` : text;
}
