import type Anthropic from "@anthropic-ai/sdk";
import { describeEndpoint, listUnset } from "@/lib/doctor/describe-endpoint";
import { explainAnthropicFailure, type AnthropicFailure } from "@/lib/doctor/explain-anthropic-failure";
import { createCheck, type DoctorCheck } from "@/lib/doctor/types";
import type { Env } from "@/lib/env";

// Anthropic: one Messages call that may produce one token, and only when asked (`--ai`), since it is
// the only check that costs money. No retries, so the doctor never makes more than that one call.
// The SDK is imported only then: without --ai no AI client is even loaded.

function readAnthropicError(error: unknown, sdk: typeof Anthropic): AnthropicFailure {
  if (error instanceof sdk.APIConnectionTimeoutError || error instanceof sdk.APIUserAbortError) {
    return { status: null, type: null, message: null, timedOut: true };
  }
  if (error instanceof sdk.APIError && typeof error.status === "number") {
    return { status: error.status, type: error.type ?? null, message: error.apiMessage ?? null, timedOut: false };
  }
  return { status: null, type: null, message: null, timedOut: false };
}

/** The prompt of the one-token call; anything short does. */
const pingPrompt = "Reply with OK.";

/** Checks the Anthropic key with a one-token call when `call` is set; otherwise reports it as not called. */
export async function checkAnthropic(env: Env, { call }: { call: boolean }): Promise<DoctorCheck> {
  const endpoint = describeEndpoint(env.ANTHROPIC_BASE_URL);
  const key = env.ANTHROPIC_API_KEY;
  if (!key) return createCheck("anthropic", "Anthropic", { verdict: "unconfigured", configured: false, missing: listUnset(env, ["ANTHROPIC_API_KEY"]), endpoint });
  if (!call) {
    return createCheck("anthropic", "Anthropic", {
      verdict: "skipped",
      endpoint,
      notes: ["Not called: npm run doctor -- --ai makes a one-token call (it costs a fraction of a cent)."],
    });
  }

  const check = createCheck("anthropic", "Anthropic", { endpoint });
  const [{ createAnthropicClient }, { default: sdk }] = await Promise.all([import("@/lib/investigate/create-anthropic-client"), import("@anthropic-ai/sdk")]);
  const client = createAnthropicClient({ ...env, ANTHROPIC_API_KEY: key, LOOKOUT_AI_MAX_RETRIES: 0 });
  const started = performance.now();
  try {
    const reply = await client.messages.create({ model: env.LOOKOUT_AI_MODEL, max_tokens: 1, messages: [{ role: "user", content: pingPrompt }] });
    check.reachable = true;
    check.figures.push({ label: "Model", value: reply.model });
    check.figures.push({ label: "Tokens", value: `${reply.usage.input_tokens} in, ${reply.usage.output_tokens} out` });
  } catch (error) {
    const read = readAnthropicError(error, sdk);
    const fix = explainAnthropicFailure(read, { model: env.LOOKOUT_AI_MODEL, timeoutMs: env.LOOKOUT_AI_TIMEOUT_MS });
    check.reachable = read.status !== null;
    check.problems.push(read.status === null ? `Anthropic call failed${read.timedOut ? ": timed out" : ""}` : `Anthropic answered HTTP ${read.status}${read.type ? ` ${read.type}` : ""}`);
    check.fixes.push({ ...fix, status: read.status });
    check.verdict = fix.level;
  } finally {
    check.latencyMs = Math.round(performance.now() - started);
  }
  return check;
}
