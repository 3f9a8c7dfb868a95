import { describe, expect, it } from "vitest";
import { sessionHref } from "@/lib/incidents/session-href";
import { buildInvestigationMessage, buildResolutionMessage } from "@/lib/slack/build-blocks";
import type { InvestigationDm } from "@/lib/slack/types";

const publicUrl = "https://lookout.example.com";
const sessionId = "probe:fly:machine_down:01JABC";

const dm: InvestigationDm = {
  sessionId,
  wakeId: "wake_1",
  probe: "fly",
  severity: "critical",
  title: "Fly machine stopped",
  summary: "Machine 148e *stopped* at 09:12 after an OOM kill.",
  autofix: "Restarted machine 148e; it is healthy again.",
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
const contextTexts = (m: { blocks: unknown[] }) => find(m, "context").elements.map((e) => String(e.text));

describe("buildInvestigationMessage", () => {
  it("has a header, the summary, a context line and an Open timeline button to the session's page", () => {
    const message = buildInvestigationMessage(dm, publicUrl);
    expect(blocksOf(message).map((b) => b.type)).toEqual(["header", "section", "context", "actions"]);
    expect(find(message, "header").text).toEqual({ type: "plain_text", emoji: true, text: ":red_circle: Critical: Fly machine stopped" });
    expect(find(message, "section").text).toEqual({ type: "mrkdwn", text: dm.summary });
    expect(contextTexts(message)).toEqual([
      "*fly*",
      "AI investigation",
      "Autofix: Restarted machine 148e; it is healthy again.",
    ]);
    const button = find(message, "actions").elements[0];
    expect(button).toMatchObject({ type: "button", text: { type: "plain_text", text: "Open timeline" } });
    const url = `${publicUrl}${sessionHref(sessionId)}`;
    expect(button?.url).toBe(url);
    expect(message.text).toContain("Critical: Fly machine stopped");
    expect(message.text).toContain(dm.summary);
    expect(message.text).toContain(url);
  });

  it("labels a fallback summary and leaves the autofix line out when none was attempted", () => {
    const message = buildInvestigationMessage({ ...dm, severity: "warning", engine: "fallback", autofix: null }, publicUrl);
    expect(find(message, "header").text.text).toBe(":large_orange_circle: Warning: Fly machine stopped");
    expect(contextTexts(message)).toEqual(["*fly*", "Fallback summary (AI unavailable)"]);
  });

  it("truncates a long summary to Slack's 3000-character section limit and a long title to the header's 150", () => {
    const message = buildInvestigationMessage({ ...dm, title: "t".repeat(400), summary: "x".repeat(5000) }, publicUrl);
    const section = find(message, "section").text.text;
    expect(section).toHaveLength(3000);
    expect(section.endsWith("…")).toBe(true);
    expect(find(message, "header").text.text.length).toBeLessThanOrEqual(150);
  });

  it("escapes mrkdwn control characters and never cuts an escaped entity in half", () => {
    const message = buildInvestigationMessage({ ...dm, summary: `${"a".repeat(2996)}<!channel> & more` }, publicUrl);
    const section = find(message, "section").text.text;
    expect(section).not.toContain("<!channel>");
    expect(section).toMatch(/a…$/);
    expect(buildInvestigationMessage({ ...dm, summary: "p95 > 2s & <@U1>" }, publicUrl).blocks[1]).toMatchObject({
      text: { text: "p95 &gt; 2s &amp; &lt;@U1&gt;" },
    });
  });

  it("redacts token shapes and configured credentials wherever they slipped in", () => {
    const configured = "doppler-config-secret-value-123";
    const leaky: InvestigationDm = {
      ...dm,
      title: `Auth failed for xoxb-1234-5678-abcdefghijkl`,
      summary: `Request used sk-ant-api03-abcdefghijklmnop and ${configured}.`,
      autofix: `Sent Bearer ${configured}`,
      probe: "fly",
    };
    const message = buildInvestigationMessage(leaky, publicUrl, [configured]);
    const everything = JSON.stringify(message);
    for (const secret of ["xoxb-1234-5678-abcdefghijkl", "sk-ant-api03-abcdefghijklmnop", configured]) expect(everything).not.toContain(secret);
    expect(find(message, "section").text.text).toBe("Request used [redacted] and [redacted].");
  });
});

describe("buildResolutionMessage", () => {
  it("says what resolved and after how long, with the timeline link", () => {
    const message = buildResolutionMessage({ sessionId, probe: "fly", title: "Fly machine stopped", durationS: 12 * 60 + 10 }, publicUrl);
    const url = `${publicUrl}${sessionHref(sessionId)}`;
    expect(message.text).toBe(`Resolved: Fly machine stopped after 12 min\n${url}`);
    expect(find(message, "section").text.text).toBe(":white_check_mark: Resolved: Fly machine stopped after 12 min");
    expect(find(message, "actions").elements[0]?.url).toBe(url);
  });

  it("reads short and long durations naturally and redacts the title", () => {
    const text = (durationS: number, title = "Vercel errors") => buildResolutionMessage({ sessionId, probe: "vercel", title, durationS }, publicUrl, ["hunter2-long-secret"]).text;
    expect(text(45)).toMatch(/after 45 s\n/);
    expect(text(2 * 3600 + 5 * 60)).toMatch(/after 2 h 5 min\n/);
    expect(text(3600)).toMatch(/after 1 h\n/);
    expect(text(60, "leak hunter2-long-secret")).toMatch(/^Resolved: leak \[redacted\] after 1 min/);
  });
});
