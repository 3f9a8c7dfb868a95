import type { AutofixResult } from "@/lib/autofix/types";
import type { ProbeName } from "@/lib/probes/types";
import type { Analysis } from "./findings";

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
  /**
   * The analysis part only: Claude's report_findings, Claude's free text when it filed no valid report,
   * or the probe's figures on the fallback. What Lookout did is written later, from its records.
   */
  analysis: Analysis;
  turns: number;
  /** Set when Lookout ended the run while the model still wanted tools. */
  stoppedBy: "max_turns" | "budget" | null;
  /** Every fix the model asked for during the run, in order, with the executor's answer. */
  autofix: AutofixResult[];
  durationMs: number;
}
