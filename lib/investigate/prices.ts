import type { TokenUsage } from "./types";

/** The day these figures were copied from Anthropic's published prices; change both together. */
export const PRICES_AS_OF = "2026-11-25";

interface PriceTier {
  /** Applies while the request's prompt (input + cache write + cache read) is at most this many tokens. */
  maxPromptTokens: number;
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheRead: number;
}

// USD per million tokens. A model with one tier has no prompt-size pricing; haiku-5-5 charges more
// for the whole request once its prompt passes 100k tokens.
export const prices = {
  "claude-haiku-5-5": [
    { maxPromptTokens: 100_000, input: 0.1, output: 0.5, cacheWrite5m: 0.125, cacheRead: 0.01 },
    { maxPromptTokens: Infinity, input: 0.5, output: 2.5, cacheWrite5m: 0.625, cacheRead: 0.05 },
  ],
  "claude-sonnet-5-5": [{ maxPromptTokens: Infinity, input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }],
  "claude-opus-5-5": [{ maxPromptTokens: Infinity, input: 4, output: 20, cacheWrite5m: 5, cacheRead: 0.2 }],
  "claude-sonnet-5": [{ maxPromptTokens: Infinity, input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 }],
  "claude-haiku-4-5": [{ maxPromptTokens: Infinity, input: 1, output: 5, cacheWrite5m: 1.25, cacheRead: 0.1 }],
} as const satisfies Record<string, readonly PriceTier[]>;

export type PricedModel = keyof typeof prices;

// An unknown model is priced as the dearest tier in the table, so the daily budget errs on the safe side.
const allTiers: readonly PriceTier[] = Object.values(prices).flat();
const dearestTier: PriceTier = allTiers.reduce((a, b) => (b.output > a.output ? b : a));

export function isPricedModel(model: string): model is PricedModel {
  return Object.hasOwn(prices, model);
}

/** Tokens of the prompt that decide the tier: everything the request sent, cached or not. */
export function countPromptTokens(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheCreationTokens + usage.cacheReadTokens;
}

function findTier(model: string, usage: TokenUsage): { tier: PriceTier; priceKnown: boolean } {
  if (!isPricedModel(model)) return { tier: dearestTier, priceKnown: false };
  const tiers: readonly PriceTier[] = prices[model];
  const promptTokens = countPromptTokens(usage);
  const tier = tiers.find((t) => promptTokens <= t.maxPromptTokens) ?? tiers[tiers.length - 1] ?? dearestTier;
  return { tier, priceKnown: true };
}

export interface RequestCost {
  costUsd: number;
  priceKnown: boolean;
}

/**
 * The cost of ONE request in USD, full precision (round only for display). Tiers depend on each
 * request's own prompt size, so a run's cost is the sum of its requests' costs, never the cost of
 * summed usage.
 */
export function computeRequestCost(model: string, usage: TokenUsage): RequestCost {
  const { tier, priceKnown } = findTier(model, usage);
  const microUsd =
    usage.inputTokens * tier.input +
    usage.outputTokens * tier.output +
    usage.cacheCreationTokens * tier.cacheWrite5m +
    usage.cacheReadTokens * tier.cacheRead;
  return { costUsd: microUsd / 1_000_000, priceKnown };
}

/** Shorthand for the cost figure alone. */
export function computeCostUsd(model: string, usage: TokenUsage): number {
  return computeRequestCost(model, usage).costUsd;
}
