import type { AutofixResult } from "@/lib/autofix/types";
import type { ProbeName } from "@/lib/probes/types";

export const INVESTIGATION_ROUTE = "probe_investigation" as const;

/** Everything the engine may know about one wake. Details are the stored, redacted snapshot details. */
export interface InvestigationRequest {
  wakeId: string;
  sessionId: string;
  probe: ProbeName;
  category: string;
  severity: "critical" | "warning";
  title: string;
  detail: string;
  snapshot: { id: string; status: string; details: unknown; error: string | null; observedAt: string };
  envelope: { enabled: boolean; fix: string | null; does: string; outOfEnvelope: string };
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export type FallbackReason = "no_api_key" | "budget_exhausted" | "api_error";

export interface InvestigationOutcome {
  engine: "claude" | "fallback";
  fallbackReason: FallbackReason | null;
  /** One line for the log and the audit row, e.g. "Anthropic API overloaded (529) after 2 retries". */
  fallbackDetail: string | null;
  model: string | null;
  route: typeof INVESTIGATION_ROUTE;
  usage: TokenUsage;
  costUsd: number;
  /** Plain text for the operator: what is wrong, the evidence, what to do. */
  summary: string;
  turns: number;
  /** Every fix the model asked for during the run, in order, with the executor's answer. */
  autofix: AutofixResult[];
  durationMs: number;
}
