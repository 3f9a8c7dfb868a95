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
    expect(readInvestigationReport({ ...legacy, engine: "fallback", autofixOutcome: null })).toEqual({ lookoutDid: [], analysis: { format: "figures", text: "Machine failed." }, claimCheck: null, claimMismatch: null });
  });

  it("shows a row whole when its Lookout-did lines are missing or unreadable, even with a format", () => {
    const row = { engine: "claude", summary: "Machine failed.", autofixOutcome: null, ...toReportColumns(report) };
    const whole = { lookoutDid: [], analysis: { format: "text", text: "Machine failed." }, claimCheck: null, claimMismatch: null };
    expect(readInvestigationReport({ ...row, lookoutDid: null })).toEqual(whole);
    expect(readInvestigationReport({ ...row, lookoutDid: "not json" })).toEqual(whole);
    expect(readInvestigationReport({ ...row, lookoutDid: JSON.stringify([1, 2]) })).toEqual(whole);
  });

  it("reads empty or unreadable report columns as empty parts and low confidence", () => {
    const base = { engine: "claude", summary: "", autofixOutcome: null, lookoutDid: "[]", whatIsWrong: null, likelyCause: null, nextSteps: null, confidence: null, analysisText: null, claimCheck: null, claimMismatch: null };
    expect(readInvestigationReport({ ...base, analysisFormat: "report" }).analysis).toEqual({ format: "report", whatIsWrong: "", likelyCause: "", nextSteps: [], confidence: "low" });
    expect(readInvestigationReport({ ...base, analysisFormat: "report", nextSteps: "{", confidence: "certain" }).analysis).toEqual({ format: "report", whatIsWrong: "", likelyCause: "", nextSteps: [], confidence: "low" });
    expect(readInvestigationReport({ ...base, analysisFormat: "text" }).analysis).toEqual({ format: "text", text: "" });
  });

  it("writes free text and figures under their own heading, with no confidence", () => {
    expect(formatReportText({ lookoutDid: ["No fix envelope exists for Vercel."], analysis: { format: "text", text: "Deploys fail." }, claimCheck: "passed", claimMismatch: null })).toBe(
      "Lookout did:\n- No fix envelope exists for Vercel.\n\nClaude thinks (free text: Claude filed no valid structured report):\nDeploys fail.",
    );
    expect(formatReportText({ lookoutDid: [], analysis: { format: "figures", text: "Error rate 25%." }, claimCheck: null, claimMismatch: null })).toBe(
      "Lookout did:\n\nFrom the probe's figures (no AI analysis):\nError rate 25%.",
    );
  });

  it("leaves out the parts of a report Claude left empty", () => {
    const bare: InvestigationReport = { lookoutDid: [], analysis: { format: "report", whatIsWrong: "", likelyCause: "", nextSteps: [], confidence: "low" }, claimCheck: "passed", claimMismatch: null };
    expect(formatReportText(bare)).toBe("Lookout did:\n\nClaude thinks (confidence: low):");
  });
});
