import { describe, expect, it } from "vitest";
import { describeReceivedDm } from "@/lib/demo/describe-received-dm";

describe("the demo's terminal line for a DM", () => {
  it("prints the first line and each thing Lookout did, and nothing of Claude's analysis", () => {
    const text = [
      ":large_orange_circle: Warning: Fly.io machines are unhealthy",
      "Lookout did:",
      "- Restarted machine 148e in lookout-runtime (Fly envelope).",
      "- Earlier in this incident: restarted machine 0ab1 in lookout-runtime.",
      "",
      "Claude thinks (confidence: medium):",
      "- Watch it.",
    ].join("\n");
    expect(describeReceivedDm({ text, threadTs: null })).toEqual([
      "[demo] Slack DM: :large_orange_circle: Warning: Fly.io machines are unhealthy",
      "[demo]   Lookout did: Restarted machine 148e in lookout-runtime (Fly envelope).",
      "[demo]   Lookout did: Earlier in this incident: restarted machine 0ab1 in lookout-runtime.",
    ]);
  });

  it("prints a resolution in the thread as one line", () => {
    expect(describeReceivedDm({ text: "Resolved: Fly.io machines are unhealthy after 3 s\nhttp://localhost:3000/investigations/x", threadTs: "1.2" })).toEqual([
      "[demo] Slack DM (in thread): Resolved: Fly.io machines are unhealthy after 3 s",
    ]);
  });
});
