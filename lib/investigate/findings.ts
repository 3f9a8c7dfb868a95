import { z } from "zod";

// The model's answer as data. Claude files it through the report_findings tool, so its analysis stays
// apart from what Lookout did, which Lookout writes itself from its own rows.

export const REPORT_TOOL_NAME = "report_findings";

export const confidenceLevels = ["low", "medium", "high"] as const;
export type Confidence = (typeof confidenceLevels)[number];

// Limits generous enough for a real answer with quoted figures; the prompt asks for far less.
export const reportFindingsInput = z.strictObject({
  what_is_wrong: z.string().trim().min(1).max(2000).describe("What is wrong, in one or two plain sentences, citing the figures that show it."),
  likely_cause: z.string().trim().min(1).max(2000).describe("The most likely cause, and how sure the evidence makes it."),
  next_steps: z
    .array(z.string().trim().min(1).max(500))
    .min(1)
    .max(8)
    .describe("What the operator should do next: a short list of concrete steps, most important first."),
  confidence: z.enum(confidenceLevels).describe("How confident the evidence makes this analysis."),
});
export type ReportFindingsInput = z.infer<typeof reportFindingsInput>;

/**
 * The analysis part of an investigation: Claude's report, Claude's free text when it filed no valid
 * report, or the deterministic figures when the AI engine could not run.
 */
export type Analysis =
  | { format: "report"; whatIsWrong: string; likelyCause: string; nextSteps: string[]; confidence: Confidence }
  | { format: "text"; text: string }
  | { format: "figures"; text: string };

export type ReportAnalysis = Extract<Analysis, { format: "report" }>;

export const analysisFormats = ["report", "text", "figures"] as const satisfies readonly Analysis["format"][];

export function toAnalysis(input: ReportFindingsInput): ReportAnalysis {
  return { format: "report", whatIsWrong: input.what_is_wrong, likelyCause: input.likely_cause, nextSteps: input.next_steps, confidence: input.confidence };
}
