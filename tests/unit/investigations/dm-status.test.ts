import { describe, expect, it } from "vitest";
import { dmStatusBadgeClass, dmStatusLabel, dmStatusStyles } from "@/components/investigations/dm-status";
import { dmStatuses } from "@/lib/slack/types";

describe("dmStatusLabel", () => {
  it("names every stored DM status in words", () => {
    expect(dmStatuses.map(dmStatusLabel)).toEqual(["Sent", "Failed to send", "Fallback sent", "Fallback failed", "Retrying", "Maybe not delivered"]);
  });

  it("has one style per status, so the filter chips list them all", () => {
    expect(Object.keys(dmStatusStyles)).toEqual([...dmStatuses]);
  });

  it("is null before any DM and shows an unknown status as stored", () => {
    expect(dmStatusLabel(null)).toBeNull();
    expect(dmStatusLabel("bounced")).toBe("bounced");
    expect(dmStatusBadgeClass("bounced")).toContain("slate");
    expect(dmStatusBadgeClass("retrying")).toContain("amber");
    expect(dmStatusBadgeClass("failed_send")).toContain("red");
  });
});
