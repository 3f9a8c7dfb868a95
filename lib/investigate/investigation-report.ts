import { z } from "zod";
import type { Investigation } from "@/lib/generated/prisma/client";
import { analysisFormats, confidenceLevels, type Analysis } from "./findings";

// An investigation as the operator reads it, in two parts kept apart everywhere (DM, timeline, audit):
// what Lookout did, from its own rows, and what Claude thinks (or the probe's figures when the AI could
// not run), after the claim check.

export const claimChecks = ["passed", "claim_mismatch"] as const;
export type ClaimCheckStatus = (typeof claimChecks)[number];

export interface InvestigationReport {
  lookoutDid: string[];
  analysis: Analysis;
  claimCheck: ClaimCheckStatus | null;
  /** One line: what the model claimed against what the records show; set only with claim_mismatch. */
  claimMismatch: string | null;
}

/** The heading of the analysis part, by where it came from. */
export const analysisHeadings: Record<Analysis["format"], string> = {
  report: "Claude thinks",
  text: "Claude thinks (free text: Claude filed no valid structured report)",
  figures: "From the probe's figures (no AI analysis)",
};

export const claimMismatchLabel = "Claim mismatch";

/** What follows the label: the contradiction and what Lookout did about it. */
export function explainClaimMismatch(mismatch: string): string {
  return `${mismatch}. Lookout removed the contradicted words from Claude's analysis; what Lookout did is listed from its records.`;
}

export function describeClaimMismatch(mismatch: string): string {
  return `${claimMismatchLabel}: ${explainClaimMismatch(mismatch)}`;
}

/** The analysis as plain lines, labels included: the shape the DM's fallback text, the audit row and old pages read. */
export function formatAnalysisLines(analysis: Analysis): string[] {
  if (analysis.format !== "report") return [analysis.text];
  return [
    ...(analysis.whatIsWrong ? [`What is wrong: ${analysis.whatIsWrong}`] : []),
    ...(analysis.likelyCause ? [`Likely cause: ${analysis.likelyCause}`] : []),
    ...(analysis.nextSteps.length ? ["Next steps:", ...analysis.nextSteps.map((s) => `- ${s}`)] : []),
  ];
}

/** Both parts as one plain text: the investigation's `summary`. */
export function formatReportText(report: InvestigationReport): string {
  const { analysis } = report;
  const confidence = analysis.format === "report" ? ` (confidence: ${analysis.confidence})` : "";
  return [
    ["Lookout did:", ...report.lookoutDid.map((l) => `- ${l}`)].join("\n"),
    ...(report.claimMismatch ? [describeClaimMismatch(report.claimMismatch)] : []),
    [`${analysisHeadings[analysis.format]}${confidence}:`, ...formatAnalysisLines(analysis)].join("\n"),
  ].join("\n\n");
}

/** The Investigation columns that hold a report. */
export function toReportColumns(report: InvestigationReport) {
  const { analysis } = report;
  const isReport = analysis.format === "report";
  return {
    lookoutDid: JSON.stringify(report.lookoutDid),
    analysisFormat: analysis.format,
    whatIsWrong: isReport ? analysis.whatIsWrong : null,
    likelyCause: isReport ? analysis.likelyCause : null,
    nextSteps: isReport ? JSON.stringify(analysis.nextSteps) : null,
    confidence: isReport ? analysis.confidence : null,
    analysisText: isReport ? null : analysis.text,
    claimCheck: report.claimCheck,
    claimMismatch: report.claimMismatch,
  };
}

const lines = z.array(z.string());
function parseLines(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const parsed = lines.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type ReportRow = Pick<
  Investigation,
  "engine" | "summary" | "autofixOutcome" | "lookoutDid" | "analysisFormat" | "whatIsWrong" | "likelyCause" | "nextSteps" | "confidence" | "analysisText" | "claimCheck" | "claimMismatch"
>;

/**
 * The report a stored investigation holds. A row written before reports existed has only its summary:
 * it is shown whole as the analysis, with the autofix line Lookout stored beside it.
 */
export function readInvestigationReport(row: ReportRow): InvestigationReport {
  const lookoutDid = parseLines(row.lookoutDid);
  const format = z.enum(analysisFormats).safeParse(row.analysisFormat);
  const claimCheck = z.enum(claimChecks).safeParse(row.claimCheck);
  if (lookoutDid === null || !format.success) {
    return { lookoutDid: row.autofixOutcome ? [row.autofixOutcome] : [], analysis: { format: row.engine === "claude" ? "text" : "figures", text: row.summary }, claimCheck: null, claimMismatch: null };
  }
  const confidence = z.enum(confidenceLevels).catch("low").parse(row.confidence);
  const analysis: Analysis =
    format.data === "report"
      ? { format: "report", whatIsWrong: row.whatIsWrong ?? "", likelyCause: row.likelyCause ?? "", nextSteps: parseLines(row.nextSteps) ?? [], confidence }
      : { format: format.data, text: row.analysisText ?? "" };
  return { lookoutDid, analysis, claimCheck: claimCheck.success ? claimCheck.data : null, claimMismatch: row.claimMismatch };
}
