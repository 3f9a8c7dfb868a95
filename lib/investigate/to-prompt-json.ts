import { redactDetails, redactText } from "@/lib/redact";

/**
 * Compact JSON for a prompt or a tool result, redacted twice: structurally (secret-named keys dropped,
 * credential values masked before escaping can hide them) and then as text over the final string.
 */
export function toPromptJson(value: unknown, credentials: string[]): string {
  const { value: redacted } = redactDetails({ value }, credentials);
  return redactText(JSON.stringify(redacted ?? null), credentials);
}
