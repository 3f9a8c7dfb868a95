import { describe, expect, it } from "vitest";
import { buildFallbackSummary } from "@/lib/investigate/fallback-summary";
import { makeRequest } from "./request-fixtures";

describe("buildFallbackSummary", () => {
  it("gives a Fly issue's title, detail, unhealthy machines by name and why the AI was unavailable", () => {
    const text = buildFallbackSummary(makeRequest("fly"), "no_api_key");
    expect(text).toContain("Warning: Fly machine unhealthy");
    expect(text).toContain("1 Fly machine unhealthy: lookout-runtime/d8901e2f");
    expect(text).toContain("Machines unhealthy: 1 of 2");
    expect(text).toContain("- lookout-runtime/d8901e2f (runtime-web-1): check http critical");
    expect(text).toContain("AI investigation unavailable: no Anthropic API key is configured");
  });

  it("leaves the envelope and every fix to the \"Lookout did\" part, which is written from the records", () => {
    const text = buildFallbackSummary(makeRequest("fly", { enabled: true }), "api_error", { detail: "Anthropic API is overloaded (529 overloaded_error) after 2 retries" });
    expect(text).not.toMatch(/envelope|autofix|restart/i);
    expect(text).toContain("the Anthropic API failed (Anthropic API is overloaded (529 overloaded_error) after 2 retries)");
  });

  it.each([
    ["vercel", "Deployment error rate (24 h): 25% (5 failed, 15 ready)"],
    ["sentry", "Unresolved issues: 14"],
    ["doppler", "Oldest secret: STRIPE_SECRET_KEY, 212 days old"],
    ["supabase", "REST up, auth up, connections 91.5% of max"],
  ] as const)("cites the key figure for %s", (probe, figure) => {
    const text = buildFallbackSummary(makeRequest(probe), "budget_exhausted", { detail: "$5.0000 of the $5.00 daily AI budget spent today (UTC)" });
    expect(text).toContain(figure);
    expect(text).toContain("today's AI budget is spent");
  });

  it("is deterministic and survives a snapshot with no details", () => {
    const request = makeRequest("fly", { snapshot: { id: "s", status: "unknown", details: null, error: "the snapshot of this wake is no longer stored", observedAt: "2026-11-25T10:00:00.000Z" } });
    const text = buildFallbackSummary(request, "api_error");
    expect(text).toBe(buildFallbackSummary(request, "api_error"));
    expect(text).toContain("Probe error: the snapshot of this wake is no longer stored");
  });
});
