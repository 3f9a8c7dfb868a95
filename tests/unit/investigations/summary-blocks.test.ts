import { describe, expect, it } from "vitest";
import { stripInlineMarkdown, toSummaryBlocks } from "@/components/investigations/summary-blocks";

describe("toSummaryBlocks", () => {
  it("splits paragraphs on blank lines and keeps single line breaks inside one", () => {
    expect(toSummaryBlocks("First line\nsecond line\n\nAnother paragraph.")).toEqual([
      { kind: "paragraph", lines: ["First line", "second line"] },
      { kind: "paragraph", lines: ["Another paragraph."] },
    ]);
  });

  it("turns '- ' and '* ' lines into one bullet list, ending the paragraph before it", () => {
    expect(toSummaryBlocks("Machines unhealthy: 1 of 3\n- lookout-runtime/abc: failed\n* lookout-runtime/def: critical\nEnvelope: ON")).toEqual([
      { kind: "paragraph", lines: ["Machines unhealthy: 1 of 3"] },
      { kind: "list", ordered: false, items: ["lookout-runtime/abc: failed", "lookout-runtime/def: critical"] },
      { kind: "paragraph", lines: ["Envelope: ON"] },
    ]);
  });

  it("reads numbered lines as an ordered list and joins an indented continuation to its item", () => {
    expect(toSummaryBlocks("1. Check the machine\n   then its logs\n2) Restart it")).toEqual([
      { kind: "list", ordered: true, items: ["Check the machine then its logs", "Restart it"] },
    ]);
  });

  it("drops markdown symbols: headings, bold, code ticks, rules and link syntax", () => {
    expect(toSummaryBlocks("## What happened\n**The machine** failed its `health` check.\n\n---\nSee [the docs](https://fly.io/docs).")).toEqual([
      { kind: "paragraph", lines: ["What happened"] },
      { kind: "paragraph", lines: ["The machine failed its health check."] },
      { kind: "paragraph", lines: ["See the docs (https://fly.io/docs)."] },
    ]);
  });

  it("gives nothing for an empty or blank summary", () => {
    expect(toSummaryBlocks("")).toEqual([]);
    expect(toSummaryBlocks(" \n\n \r\n")).toEqual([]);
  });
});

describe("stripInlineMarkdown", () => {
  it("removes Slack-style *bold* but leaves arithmetic, identifiers and times alone", () => {
    expect(stripInlineMarkdown("*Fly.io* is degraded")).toBe("Fly.io is degraded");
    expect(stripInlineMarkdown("2 * 3 machines, service_degraded at 14:30:05")).toBe("2 * 3 machines, service_degraded at 14:30:05");
  });
});
