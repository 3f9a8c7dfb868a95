import { describe, expect, it } from "vitest";
import { computeCostUsd, computeRequestCost, countPromptTokens, prices, PRICES_AS_OF } from "@/lib/investigate/prices";
import type { TokenUsage } from "@/lib/investigate/types";

const scripted: TokenUsage = { inputTokens: 1200, outputTokens: 250, cacheCreationTokens: 800, cacheReadTokens: 5000 };
const usage = (inputTokens: number, outputTokens = 0, cacheCreationTokens = 0, cacheReadTokens = 0): TokenUsage => ({
  inputTokens,
  outputTokens,
  cacheCreationTokens,
  cacheReadTokens,
});

describe("price table", () => {
  it("is dated and lists every model Lookout may be configured with", () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(prices).sort()).toEqual(["claude-haiku-4-5", "claude-haiku-5-5", "claude-opus-5-5", "claude-sonnet-5", "claude-sonnet-5-5"]);
  });

  // 1200 in / 250 out / 800 cache write / 5000 cache read, priced by hand from the vendor notes.
  it.each([
    ["claude-sonnet-5-5", 0.0024 + 0.0025 + 0.002 + 0.001, 0.0079],
    ["claude-sonnet-5", 0.0024 + 0.0025 + 0.002 + 0.001, 0.0079],
    ["claude-opus-5-5", 0.0048 + 0.005 + 0.004 + 0.001, 0.0148],
    ["claude-haiku-4-5", 0.0012 + 0.00125 + 0.001 + 0.0005, 0.00395],
    ["claude-haiku-5-5", 0.00012 + 0.000125 + 0.0001 + 0.00005, 0.000395],
  ])("prices %s to the cent and beyond", (model, parts, total) => {
    const cost = computeRequestCost(model, scripted);
    expect(cost.priceKnown).toBe(true);
    expect(cost.costUsd).toBeCloseTo(total, 12);
    expect(cost.costUsd).toBeCloseTo(parts, 12);
    expect(computeCostUsd(model, scripted)).toBe(cost.costUsd);
  });

  it("counts the prompt as input + cache write + cache read", () => {
    expect(countPromptTokens(scripted)).toBe(7000);
  });

  it("moves haiku-5-5 to its long-prompt tier only past 100k prompt tokens", () => {
    // 90k + 10k cache read = exactly 100k: still the base tier.
    expect(computeCostUsd("claude-haiku-5-5", usage(90_000, 1_000, 0, 10_000))).toBeCloseTo(0.009 + 0.0001 + 0.0005, 12);
    // One token more and the whole request is priced at the higher tier.
    expect(computeCostUsd("claude-haiku-5-5", usage(90_001, 1_000, 0, 10_000))).toBeCloseTo(0.0450005 + 0.0005 + 0.0025, 12);
    // Cache writes count toward the prompt too.
    expect(computeCostUsd("claude-haiku-5-5", usage(50_000, 0, 50_001))).toBeCloseTo(0.025 + 0.031250625, 12);
  });

  it("is per request: two 60k-token requests cost less than one 120k-token request", () => {
    const each = computeCostUsd("claude-haiku-5-5", usage(60_000));
    expect(each).toBeCloseTo(0.006, 12);
    expect(computeCostUsd("claude-haiku-5-5", usage(120_000))).toBeCloseTo(0.06, 12);
  });

  it("prices an unknown model with the dearest entry and says so", () => {
    const cost = computeRequestCost("claude-unreleased-9", scripted);
    expect(cost.priceKnown).toBe(false);
    expect(cost.costUsd).toBeCloseTo(0.0148, 12);
    expect(cost.costUsd).toBeGreaterThanOrEqual(Math.max(...Object.keys(prices).map((m) => computeCostUsd(m, scripted))));
  });

  it("costs nothing for no tokens", () => {
    expect(computeCostUsd("claude-sonnet-5-5", usage(0))).toBe(0);
  });
});
