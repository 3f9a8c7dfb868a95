import { z } from "zod";
import { probeNameSchema, probeStatusSchema, type ProbeName } from "@/lib/probes/types";
import { describeFigures } from "./describe-figures";
import { detectionRules, type IssueCategory, type Severity } from "./rules";

/** What the detector needs of a snapshot, checked: anything else is malformed. */
export const detectableSnapshot = z.object({
  probe: probeNameSchema,
  status: probeStatusSchema,
  details: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});

export interface Issue {
  probe: ProbeName;
  severity: Severity;
  category: IssueCategory;
  title: string;
  /** Human-readable, with the figures that triggered it. */
  detail: string;
}

/**
 * Classifies one snapshot: healthy and unconfigured are never issues; a rate-limited answer says
 * nothing about the vendor's health, so it is not one either. Never throws: a malformed snapshot is
 * logged and yields no issue.
 */
export function detectIssue(snapshot: unknown): Issue | null {
  const parsed = detectableSnapshot.safeParse(snapshot);
  if (!parsed.success) {
    console.warn(`[lookout] detector skipped a malformed snapshot: ${parsed.error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ")}`);
    return null;
  }
  const { probe, status, details, error } = parsed.data;
  if (status !== "unhealthy" && status !== "degraded") return null;
  if (details.rate_limited === true) return null;
  const rule = detectionRules[probe][status];
  const figures = describeFigures(probe, details);
  const detail = [error, figures].filter(Boolean).join(" — ") || `${probe} reported ${status}.`;
  return { probe, severity: rule.severity, category: rule.category, title: rule.title, detail };
}
