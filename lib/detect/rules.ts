import { z } from "zod";
import type { ProbeName } from "@/lib/probes/types";

export const severitySchema = z.enum(["critical", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

export const issueCategorySchema = z.enum(["service_unhealthy", "service_degraded"]);
export type IssueCategory = z.infer<typeof issueCategorySchema>;

interface Rule {
  severity: Severity;
  category: IssueCategory;
  title: string;
}

// SPEC's rule table. Sentry is observability only: even unreachable it is a warning, never critical.
export const detectionRules = {
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
} as const satisfies Record<ProbeName, Record<"unhealthy" | "degraded", Rule>>;
