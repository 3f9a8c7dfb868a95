import { describe, expect, it } from "vitest";
import { sessionHref } from "@/lib/incidents/session-href";
import { buildInvestigationMessage, buildResolutionMessage } from "@/lib/slack/build-blocks";
import type { InvestigationReport } from "@/lib/investigate/investigation-report";
import type { InvestigationDm } from "@/lib/slack/types";

const publicUrl = "https://lookout.example.com";
const sessionId = "probe:fly:machine_down:01JABC";

const report: InvestigationReport = {
  lookoutDid: ["Restarted machine 148e in lookout-runtime (Fly envelope)."],
  analysis: {
    format: "report",
    whatIsWrong: "Machine 148e *stopped* at 09:12 after an OOM kill.",
    likelyCause: "Memory grew past the VM's 512 MB.",
    nextSteps: ["Watch 148e for a repeat.", "Raise the VM's memory if it recurs."],
    confidence: "medium",
  },
  claimCheck: "passed",
  claimMismatch: null,
};

const dm: InvestigationDm = {
  sessionId,
  wakeId: "wake_1",
  probe: "fly",
  severity: "critical",
  title: "Fly machine stopped",
  report,
  engine: "claude",
};

// The few fields these tests read, across the block types the builders emit.
interface SeenBlock {
  type: string;
  text: { type: string; text: string; emoji?: boolean };
  elements: { type: string; text: string & { text: string }; url: string }[];
}
const blocksOf = (m: { blocks: unknown[] }) => m.blocks as SeenBlock[];
const find = (m: { blocks: unknown[] }, type: string): SeenBlock => {
  const block = blocksOf(m).find((b) => b.type === type);
  if (!block) throw new Error(`no ${type} block`);
  return block;
};
const sections = (m: { blocks: unknown[] }) => blocksOf(m).filter((b) => b.type === "section").map((b) => b.text.text);
const contextTexts = (m: { blocks: unknown[] }) => find(m, "context").elements.map((e) => String(e.text));

describe("buildInvestigationMessage", () => {
  it("has a header, \"Lookout did\" and \"Claude thinks\" as separate sections with a divider between them, a context line and an Open timeline button", () => {
    const message = buildInvestigationMessage(dm, publicUrl);
    expect(blocksOf(message).map((b) => b.type)).toEqual(["header", "section", "divider", "section", "context", "actions"]);
    expect(find(message, "header").text).toEqual({ type: "plain_text", emoji: true, text: ":red_circle: Critical: Fly machine stopped" });
    expect(sections(message)).toEqual([
      "*Lookout did*\n• Restarted machine 148e in lookout-runtime (Fly envelope).",
      [
        "*Claude thinks* · confidence medium",
        "*What is wrong:* Machine 148e *stopped* at 09:12 after an OOM kill.",
        "*Likely cause:* Memory grew past the VM's 512 MB.",
        "*Next steps:*\n• Watch 148e for a repeat.\n• Raise the VM's memory if it recurs.",
      ].join("\n"),
    ]);
    expect(contextTexts(message)).toEqual(["*Fly.io*", "AI investigation"]);
    const [acknowledge, silence, button] = find(message, "actions").elements;
    // Acknowledge and silence hand the session id back to the interactions route; the timeline is a link.
    expect(acknowledge).toEqual({ type: "button", action_id: "acknowledge", style: "primary", text: { type: "plain_text", text: "Acknowledge" }, value: sessionId });
    expect(silence).toEqual({ type: "button", action_id: "silence_1h", text: { type: "plain_text", text: "Silence 1 h" }, value: sessionId });
    expect(button).toMatchObject({ type: "button", action_id: "open_timeline", text: { type: "plain_text", text: "Open timeline" } });
    const url = `${publicUrl}${sessionHref(sessionId)}`;
    expect(button?.url).toBe(url);
    expect(message.text).toContain("Critical: Fly machine stopped");
    expect(message.text).toContain("Lookout did:\n- Restarted machine 148e in lookout-runtime (Fly envelope).");
    expect(message.text).toContain("Claude thinks (confidence: medium):\nWhat is wrong: Machine 148e *stopped*");
    expect(message.text.endsWith(url)).toBe(true);
  });

  it("puts a contradicted claim's warning between the two parts", () => {
    const flagged = { ...report, claimCheck: "claim_mismatch" as const, claimMismatch: "Claude claimed a restart, but Lookout's records show no restart attempt in this incident" };
    const message = buildInvestigationMessage({ ...dm, report: flagged }, publicUrl);
    expect(blocksOf(message).map((b) => b.type)).toEqual(["header", "section", "section", "divider", "section", "context", "actions"]);
    const [did, warning, thinks] = sections(message);
    expect(did).toMatch(/^\*Lookout did\*/);
    expect(warning).toBe(
      ":warning: Claim mismatch: Claude claimed a restart, but Lookout's records show no restart attempt in this incident. Lookout removed the contradicted words from Claude's analysis; what Lookout did is listed from its records.",
    );
    expect(thinks).toMatch(/^\*Claude thinks\*/);
    expect(message.text).toContain("Claim mismatch: Claude claimed a restart");
  });

  it("labels free text and the fallback's figures by where they came from", () => {
    const text = buildInvestigationMessage({ ...dm, report: { ...report, analysis: { format: "text", text: "It stopped." } } }, publicUrl);
    expect(sections(text)[1]).toBe("*Claude thinks (free text: Claude filed no valid structured report)*\nIt stopped.");
    const fallback = buildInvestigationMessage({ ...dm, severity: "warning", engine: "fallback", report: { ...report, claimCheck: null, analysis: { format: "figures", text: "Warning: Fly machine stopped" } } }, publicUrl);
    expect(find(fallback, "header").text.text).toBe(":large_orange_circle: Warning: Fly machine stopped");
    expect(sections(fallback)[1]).toBe("*From the probe's figures (no AI analysis)*\nWarning: Fly machine stopped");
    expect(contextTexts(fallback)).toEqual(["*Fly.io*", "Fallback summary (AI unavailable)"]);
  });

  it("truncates each section to Slack's 3000-character limit, the header to 150 and the notification text before its link", () => {
    const long = { ...report, analysis: { format: "text" as const, text: "x".repeat(5000) } };
    const message = buildInvestigationMessage({ ...dm, title: "t".repeat(400), report: long }, publicUrl);
    const section = sections(message)[1]!;
    expect(section).toHaveLength(3000);
    expect(section.endsWith("…")).toBe(true);
    expect(find(message, "header").text.text.length).toBeLessThanOrEqual(150);
    expect(message.text.length).toBeLessThanOrEqual(4000);
    expect(message.text.endsWith(`${publicUrl}${sessionHref(sessionId)}`)).toBe(true);
  });

  it("escapes mrkdwn control characters and never cuts an escaped entity in half", () => {
    const message = buildInvestigationMessage({ ...dm, report: { ...report, analysis: { format: "text", text: `${"a".repeat(2940)}<!channel> & more` } } }, publicUrl);
    const section = sections(message)[1]!;
    expect(section).not.toContain("<!channel>");
    expect(section).toMatch(/a…$/);
    const escaped = buildInvestigationMessage({ ...dm, report: { ...report, lookoutDid: ["p95 > 2s & <@U1>"] } }, publicUrl);
    expect(sections(escaped)[0]).toBe("*Lookout did*\n• p95 &gt; 2s &amp; &lt;@U1&gt;");
  });

  it("redacts token shapes and configured credentials wherever they slipped in", () => {
    const configured = "doppler-config-secret-value-123";
    const leaky: InvestigationDm = {
      ...dm,
      title: `Auth failed for xoxb-1234-5678-abcdefghijkl`,
      report: {
        lookoutDid: [`Sent Bearer ${configured}`],
        analysis: { format: "report", whatIsWrong: `Request used sk-ant-api03-abcdefghijklmnop and ${configured}.`, likelyCause: configured, nextSteps: [`Rotate ${configured}`], confidence: "low" },
        claimCheck: "claim_mismatch",
        claimMismatch: `quoted ${configured}`,
      },
      probe: "fly",
    };
    const message = buildInvestigationMessage(leaky, publicUrl, [configured]);
    const everything = JSON.stringify(message);
    for (const secret of ["xoxb-1234-5678-abcdefghijkl", "sk-ant-api03-abcdefghijklmnop", configured]) expect(everything).not.toContain(secret);
    expect(sections(message)[2]).toContain("*What is wrong:* Request used [redacted] and [redacted].");
  });
});

describe("buildResolutionMessage", () => {
  it("says what resolved and after how long, with the timeline link", () => {
    const message = buildResolutionMessage({ sessionId, probe: "fly", title: "Fly machine stopped", durationS: 12 * 60 + 10 }, publicUrl);
    const url = `${publicUrl}${sessionHref(sessionId)}`;
    expect(message.text).toBe(`Resolved: Fly machine stopped after 12 min\n${url}`);
    expect(find(message, "section").text.text).toBe(":white_check_mark: Resolved: Fly machine stopped after 12 min");
    // Nothing left to acknowledge or silence on a resolved incident: the link only.
    expect(find(message, "actions").elements).toEqual([expect.objectContaining({ action_id: "open_timeline", url })]);
    expect(contextTexts(message)).toEqual(["*Fly.io*"]);
  });

  it("reads short and long durations naturally and redacts the title", () => {
    const text = (durationS: number, title = "Vercel errors") => buildResolutionMessage({ sessionId, probe: "vercel", title, durationS }, publicUrl, ["hunter2-long-secret"]).text;
    expect(text(45)).toMatch(/after 45 s\n/);
    expect(text(2 * 3600 + 5 * 60)).toMatch(/after 2 h 5 min\n/);
    expect(text(3600)).toMatch(/after 1 h\n/);
    expect(text(60, "leak hunter2-long-secret")).toMatch(/^Resolved: leak \[redacted\] after 1 min/);
  });
});
