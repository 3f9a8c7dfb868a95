import { describe, expect, it } from "vitest";
import { detectionRules, issueCategorySchema, severitySchema } from "@/lib/detect/rules";
import { probeNames } from "@/lib/probes/types";

describe("the detection rule table", () => {
  it("is SPEC's table: every probe's unhealthy and degraded rule, with the title an operator reads", () => {
    expect(detectionRules).toEqual({
      supabase: {
        unhealthy: { severity: "critical", category: "service_unhealthy", title: "Supabase is unreachable" },
        degraded: { severity: "warning", category: "service_degraded", title: "Supabase is degraded" },
      },
      fly: {
        unhealthy: { severity: "critical", category: "service_unhealthy", title: "No Fly.io app is reachable" },
        degraded: { severity: "warning", category: "service_degraded", title: "Fly.io machines are unhealthy" },
      },
      vercel: {
        unhealthy: { severity: "critical", category: "service_unhealthy", title: "The Vercel API is failing" },
        degraded: { severity: "warning", category: "service_degraded", title: "Vercel deployments are failing" },
      },
      sentry: {
        unhealthy: { severity: "warning", category: "service_unhealthy", title: "Sentry is unreachable" },
        degraded: { severity: "warning", category: "service_degraded", title: "Unresolved Sentry issues are piling up" },
      },
      doppler: {
        unhealthy: { severity: "critical", category: "service_unhealthy", title: "Doppler credentials are unreachable" },
        degraded: { severity: "warning", category: "service_degraded", title: "A Doppler secret is overdue for rotation" },
      },
    });
  });

  it("never rates Sentry critical: it is observability, not the runtime", () => {
    expect(Object.values(detectionRules.sentry).map((r) => r.severity)).toEqual(["warning", "warning"]);
  });

  it.each(probeNames)("%s: every rule's severity and category are ones the schemas accept", (probe) => {
    for (const rule of Object.values(detectionRules[probe])) {
      expect(severitySchema.parse(rule.severity)).toBe(rule.severity);
      expect(issueCategorySchema.parse(rule.category)).toBe(rule.category);
    }
  });
});

describe("the severity and category vocabularies", () => {
  it("has exactly two severities, critical first", () => {
    expect(severitySchema.options).toEqual(["critical", "warning"]);
  });

  it("has exactly two categories, one per failing status", () => {
    expect(issueCategorySchema.options).toEqual(["service_unhealthy", "service_degraded"]);
  });

  it("refuses anything else (the investigations filter drops it)", () => {
    for (const bad of ["", "info", "Critical", "error"]) expect(severitySchema.safeParse(bad).success).toBe(false);
    for (const bad of ["", "unhealthy", "service_down"]) expect(issueCategorySchema.safeParse(bad).success).toBe(false);
  });
});
