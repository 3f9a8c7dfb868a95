import { describe, expect, it } from "vitest";
import { deliveryNotice, LATE_AFTER_MS, withNotice } from "@/lib/slack/delivery-notice";
import { dmStatusOf } from "@/lib/slack/types";

const createdAt = new Date("2026-11-30T10:02:00Z");
const at = (ms: number) => new Date(createdAt.getTime() + ms);
const open = { title: "Fly machine failed", openedAt: new Date("2026-11-30T10:01:40Z"), resolvedAt: null };
const resolved = { ...open, resolvedAt: new Date("2026-11-30T10:09:10Z") };

describe("deliveryNotice", () => {
  it("is null for a message on time about an open incident", () => {
    expect(deliveryNotice({ kind: "investigation", createdAt, now: at(LATE_AFTER_MS - 1), incident: open, lastFailure: "Slack is rate-limiting Lookout" }, [])).toBeNull();
  });

  it("says how late a message is, and why, once it is two minutes late", () => {
    expect(deliveryNotice({ kind: "investigation", createdAt, now: at(LATE_AFTER_MS), incident: open, lastFailure: "Slack answered with an error status (HTTP 500)" }, [])).toBe(
      ":hourglass: This message was delivered 2 min late (Slack answered with an error status (HTTP 500)); the incident is still open.",
    );
    expect(deliveryNotice({ kind: "resolution", createdAt, now: at(7 * 60_000), incident: resolved, lastFailure: null }, [])).toBe(":hourglass: This message was delivered 7 min late.");
  });

  it("opens with the resolution, from when to when, when the incident resolved before delivery", () => {
    expect(deliveryNotice({ kind: "investigation", createdAt, now: at(30_000), incident: resolved, lastFailure: null }, [])).toBe(
      ":white_check_mark: *Resolved already:* Fly machine failed, from 10:01 to 10:09 UTC.",
    );
    expect(deliveryNotice({ kind: "investigation", createdAt, now: at(20 * 60_000), incident: resolved, lastFailure: null }, [])).toBe(
      ":white_check_mark: *Resolved already:* Fly machine failed, from 10:01 to 10:09 UTC; this message was delivered 20 min late.",
    );
  });

  it("masks and escapes the incident title like every other string in a message", () => {
    const title = "Token xoxb-1234567890-abcdef leaked in <b>title</b>";
    const notice = deliveryNotice({ kind: "investigation", createdAt, now: at(0), incident: { ...resolved, title }, lastFailure: null }, []);
    expect(notice).not.toContain("xoxb-1234567890");
    expect(notice).toContain("&lt;b&gt;");
  });
});

describe("withNotice", () => {
  const message = { text: "Critical: Fly\nhttps://lookout/x", blocks: [{ type: "divider" as const }] };
  it("puts the notice first in the text and the blocks", () => {
    const out = withNotice(message, "late");
    expect(out.text).toBe("late\nCritical: Fly\nhttps://lookout/x");
    expect(out.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "late" } }, { type: "divider" }]);
  });

  it("leaves a message without a notice unchanged", () => {
    expect(withNotice(message, null)).toBe(message);
  });
});

describe("dmStatusOf", () => {
  it("names the investigation's DM by its delivery and the engine that wrote it", () => {
    expect(["sent", "failed", "queued", "sending", "unknown"].map((d) => dmStatusOf("claude", d))).toEqual(["sent", "failed_send", "retrying", "retrying", "unknown"]);
    expect(["sent", "failed", "queued", "unknown"].map((d) => dmStatusOf("fallback", d))).toEqual(["engine_unavailable_fallback", "engine_unavailable_failed_send", "retrying", "unknown"]);
  });
});
