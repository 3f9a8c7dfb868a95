import type { AutofixResult } from "@/lib/autofix/types";
import { describeError } from "@/lib/describe-error";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listCredentials, redactText } from "@/lib/redact";
import { describeBudget, getBudgetStatus, isBudgetExhausted, type BudgetStatus } from "./budget";
import { createAnthropicClient } from "./create-anthropic-client";
import { describeApiError } from "./describe-api-error";
import { buildFallbackSummary } from "./fallback-summary";
import { toAnalysis, type Analysis } from "./findings";
import { buildInvestigationPrompt, buildSystemBlocks } from "./prompt";
import { createLoopProgress, runClaudeLoop, type LoopProgress, type LoopResult } from "./run-claude-loop";
import { listOfferedTools, toAnthropicTools } from "./tools";
import type { ToolRunState } from "./execute-tool-calls";
import { INVESTIGATION_ROUTE, type FallbackReason, type InvestigationOutcome, type InvestigationRequest } from "./types";

export interface InvestigationDeps {
  db: PrismaClient;
  env: Env;
  /** The Fly executor, bound to this wake; called only for a fix tool this run offered. */
  executeFix: (input: unknown) => Promise<AutofixResult>;
  /** The day the budget is counted for; defaults to the current time. */
  now?: Date;
}

interface Finish {
  request: InvestigationRequest;
  startedMs: number;
  credentials: string[];
  progress: LoopProgress;
  autofix: AutofixResult[];
}

function fallback(f: Finish, reason: FallbackReason, detail: string): InvestigationOutcome {
  const fallbackDetail = redactText(detail, f.credentials);
  return {
    engine: "fallback",
    fallbackReason: reason,
    fallbackDetail,
    model: f.progress.model,
    route: INVESTIGATION_ROUTE,
    usage: f.progress.usage,
    costUsd: f.progress.costUsd,
    analysis: { format: "figures", text: redactText(buildFallbackSummary(f.request, reason, { detail: fallbackDetail }), f.credentials) },
    turns: f.progress.turns,
    stoppedBy: f.progress.stoppedBy,
    autofix: f.autofix,
    durationMs: Date.now() - f.startedMs,
  };
}

/**
 * The model's analysis: its report when it filed a valid one. Without one, its own text is kept and
 * marked as free text rather than replaced by the deterministic figures: the operator still gets what
 * Claude read in the figures, its claims are checked the same way, and the DM says it is unstructured.
 * Redacted again as text, since every string of it reaches the DM, the database and the audit log.
 */
function toModelAnalysis(result: LoopResult, progress: LoopProgress, credentials: string[]): Analysis {
  const clean = (text: string) => redactText(text.trim(), credentials);
  if (result.report) {
    const analysis = toAnalysis(result.report);
    return { ...analysis, whatIsWrong: clean(analysis.whatIsWrong), likelyCause: clean(analysis.likelyCause), nextSteps: analysis.nextSteps.map(clean) };
  }
  return { format: "text", text: clean(result.text || progress.texts.join("\n\n")) };
}

function answered(f: Finish, result: LoopResult): InvestigationOutcome {
  const { progress } = f;
  return {
    engine: "claude",
    fallbackReason: null,
    fallbackDetail: null,
    model: progress.model,
    route: INVESTIGATION_ROUTE,
    usage: progress.usage,
    costUsd: progress.costUsd,
    analysis: toModelAnalysis(result, progress, f.credentials),
    turns: progress.turns,
    stoppedBy: progress.stoppedBy,
    autofix: f.autofix,
    durationMs: Date.now() - f.startedMs,
  };
}

/** Why a run with no text at all could not answer, as one line. */
function describeSilence(progress: LoopProgress, env: Env): string {
  if (progress.stoppedBy === "max_turns") return `no answer within LOOKOUT_AI_MAX_TURNS (${env.LOOKOUT_AI_MAX_TURNS}) turns`;
  if (progress.stoppedBy === "budget") return "the daily AI budget ran out before an answer";
  if (progress.stopReason === "refusal") return "Anthropic API declined to answer (stop_reason refusal)";
  return `Anthropic API returned no text (stop_reason ${progress.stopReason ?? "unknown"})`;
}

/**
 * One investigation of one wake: Claude with tools when a key and budget allow, the deterministic
 * fallback otherwise. Never throws: every failure becomes a fallback outcome that keeps the usage,
 * cost and fixes of whatever completed before it.
 */
export async function runInvestigation(request: InvestigationRequest, deps: InvestigationDeps): Promise<InvestigationOutcome> {
  const { db, env, executeFix, now = new Date() } = deps;
  const credentials = listCredentials(env);
  const f: Finish = { request, startedMs: Date.now(), credentials, progress: createLoopProgress(), autofix: [] };
  const apiKey = env.ANTHROPIC_API_KEY;
  if (!apiKey) return fallback(f, "no_api_key", "ANTHROPIC_API_KEY is not set");

  let budget: BudgetStatus;
  try {
    budget = await getBudgetStatus(db, env, now);
  } catch (error) {
    // Spend that cannot be counted cannot be capped: fail closed.
    return fallback(f, "budget_exhausted", `today's AI spend could not be read: ${describeError(error)}`);
  }
  if (budget.exhausted) return fallback(f, "budget_exhausted", describeBudget(budget));

  const deadline = AbortSignal.timeout(env.LOOKOUT_AI_TIMEOUT_MS);
  try {
    const offered = listOfferedTools(request);
    const toolState: ToolRunState = { offered: new Map(offered.map((t) => [t.name, t])), credentials, autofix: f.autofix };
    const result = await runClaudeLoop(
      {
        client: createAnthropicClient({ ...env, ANTHROPIC_API_KEY: apiKey }),
        model: env.LOOKOUT_AI_MODEL,
        maxTokens: env.LOOKOUT_AI_MAX_TOKENS,
        maxTurns: env.LOOKOUT_AI_MAX_TURNS,
        system: buildSystemBlocks(),
        tools: toAnthropicTools(offered),
        firstMessage: await buildInvestigationPrompt(db, request, credentials),
        signal: deadline,
        toolContext: { db, env, request, executeFix },
        toolState,
        mayContinue: (p) => !isBudgetExhausted(budget.spentUsd + p.costUsd, budget.budgetUsd),
      },
      f.progress,
    );
    if (result.report || result.text || (f.progress.stoppedBy && f.progress.texts.length > 0)) return answered(f, result);
    return fallback(f, f.progress.stoppedBy === "budget" ? "budget_exhausted" : "api_error", describeSilence(f.progress, env));
  } catch (error) {
    const detail = describeApiError(error, { retries: env.LOOKOUT_AI_MAX_RETRIES, timeoutMs: env.LOOKOUT_AI_TIMEOUT_MS });
    return fallback(f, "api_error", deadline.aborted ? `Anthropic API did not finish within ${env.LOOKOUT_AI_TIMEOUT_MS} ms` : detail);
  }
}
