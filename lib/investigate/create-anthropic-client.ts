import Anthropic from "@anthropic-ai/sdk";
import type { Env } from "@/lib/env";

/**
 * The one place an Anthropic client is made, and only when an investigation needs it: a routine probe
 * cycle never constructs one. Credentials come from Lookout's validated env, never the SDK's own lookup.
 */
export function createAnthropicClient(env: Env & { ANTHROPIC_API_KEY: string }): Anthropic {
  return new Anthropic({
    apiKey: env.ANTHROPIC_API_KEY,
    baseURL: env.ANTHROPIC_BASE_URL,
    maxRetries: env.LOOKOUT_AI_MAX_RETRIES,
    timeout: env.LOOKOUT_AI_TIMEOUT_MS,
  });
}
