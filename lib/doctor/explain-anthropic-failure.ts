import { classifyStatus } from "@/lib/doctor/read-failures";
import type { Fix } from "@/lib/doctor/types";

// Fix-it sentences for the one-token Anthropic call, by HTTP status, or by how the connection failed.

export interface AnthropicFailureContext {
  model: string;
  timeoutMs: number;
}

/** What the SDK's error said: the HTTP status with Anthropic's error type and message, or no answer. */
export interface AnthropicFailure {
  status: number | null;
  type: string | null;
  message: string | null;
  timedOut: boolean;
}

/** One sentence and a level for a failed call; only a rate limit leaves the key unjudged (a warning). */
export function explainAnthropicFailure(error: AnthropicFailure, c: AnthropicFailureContext): Pick<Fix, "level" | "kind" | "sentence"> {
  if (error.timedOut) {
    return {
      level: "fail",
      kind: "timeout",
      sentence: `Anthropic did not answer within ${c.timeoutMs} ms: check ANTHROPIC_BASE_URL and that this machine can reach it, or raise LOOKOUT_AI_TIMEOUT_MS.`,
    };
  }
  if (error.status === null) {
    return { level: "fail", kind: "network", sentence: "Anthropic could not be reached: check ANTHROPIC_BASE_URL and this machine's network, DNS and proxy." };
  }
  const st = error.status;
  const says = error.message ? ` Anthropic says: ${error.message.slice(0, 200)}` : "";
  const kind = classifyStatus(st);
  switch (kind) {
    case "unauthorized":
      return { level: "fail", kind, sentence: `Anthropic rejected ANTHROPIC_API_KEY (HTTP 401): create a key in the Claude Console (Settings → API keys) and paste all of it.` };
    case "forbidden":
      return { level: "fail", kind, sentence: `ANTHROPIC_API_KEY may not use model "${c.model}" (HTTP 403): check the key's workspace and organization in the Claude Console, or set LOOKOUT_AI_MODEL to a model it may use.${says}` };
    case "not_found":
      return { level: "fail", kind, sentence: `Anthropic does not know model "${c.model}" (HTTP 404): set LOOKOUT_AI_MODEL to a model id your key can use, or check ANTHROPIC_BASE_URL.` };
    case "rate_limited":
      return { level: "warn", kind, sentence: "Anthropic rate limited the call (HTTP 429), so the key was not judged, only not refused: run npm run doctor -- --ai again in a minute." };
    case "server_error":
      return { level: "fail", kind, sentence: `Anthropic had a server error (HTTP ${st}): that is on Anthropic's side, not your configuration; run npm run doctor -- --ai again later.` };
    case "redirect":
      return { level: "fail", kind, sentence: `Anthropic answered with a redirect (HTTP ${st}): set ANTHROPIC_BASE_URL to https://api.anthropic.com.` };
    default:
      // 400 covers an exhausted credit balance as well as a bad request: Anthropic's message tells which.
      return { level: "fail", kind, sentence: `Anthropic refused the call (HTTP ${st}${error.type ? ` ${error.type}` : ""}): check the account's credit balance and LOOKOUT_AI_MODEL.${says}` };
  }
}
