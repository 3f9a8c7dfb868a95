import { describe, expect, it } from "vitest";
import { formatReportText, readInvestigationReport, toReportColumns, type InvestigationReport } from "@/lib/investigate/investigation-report";

const report: InvestigationReport = {
  lookoutDid: ["Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted."],
  analysis: { format: "report", whatIsWrong: "Machine 9922 failed.", likelyCause: "An OOM kill.", nextSteps: ["Restart it from the Fly dashboard.", "Read its logs."], confidence: "high" },
  claimCheck: "claim_mismatch",
  claimMismatch: "Claude claimed a restart, but Lookout's records show no restart attempt in this incident",
};

describe("an investigation's report", () => {
  it("reads back from its columns exactly as it was stored", () => {
    const row = { engine: "claude", summary: formatReportText(report), autofixOutcome: null, ...toReportColumns(report) };
    expect(readInvestigationReport(row)).toEqual(report);
    const text: InvestigationReport = { ...report, analysis: { format: "text", text: "It failed." }, claimCheck: "passed", claimMismatch: null };
    expect(readInvestigationReport({ engine: "claude", summary: "", autofixOutcome: null, ...toReportColumns(text) })).toEqual(text);
  });

  it("writes the summary as the two parts, the warning between them", () => {
    expect(formatReportText(report)).toBe(
      [
        "Lookout did:\n- Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted.",
        "Claim mismatch: Claude claimed a restart, but Lookout's records show no restart attempt in this incident. Lookout removed the contradicted words from Claude's analysis; what Lookout did is listed from its records.",
        "Claude thinks (confidence: high):\nWhat is wrong: Machine 9922 failed.\nLikely cause: An OOM kill.\nNext steps:\n- Restart it from the Fly dashboard.\n- Read its logs.",
      ].join("\n\n"),
    );
  });

  it("shows a row stored before reports existed whole, beside the autofix line Lookout stored", () => {
    const legacy = { engine: "claude", summary: "Machine failed.", autofixOutcome: "Restarted machine abc in rt", lookoutDid: null, analysisFormat: null, whatIsWrong: null, likelyCause: null, nextSteps: null, confidence: null, analysisText: null, claimCheck: null, claimMismatch: null };
    expect(readInvestigationReport(legacy)).toEqual({ lookoutDid: ["Restarted machine abc in rt"], analysis: { format: "text", text: "Machine failed." }, claimCheck: null, claimMismatch: null });
    expect(readInvestigationReport({ ...legacy, engine: "fallback", autofixOutcome: null }).analysis).toEqual({ format: "figures", text: "Machine failed." });
  });
});
