import { describe, expect, it } from "vitest";
import { investigationsHref } from "@/components/investigations/investigations-href";
import { autofixLabel, formatClockSeconds, formatCost, formatWakes } from "@/components/investigations/investigation-format";
import { readableSlackText } from "@/components/investigations/slack-text";
import { entryLabel } from "@/components/investigations/timeline-labels";

describe("formatCost", () => {
  it("keeps four decimals under a dollar and two above", () => {
    expect(formatCost(0.0123)).toBe("$0.0123");
    expect(formatCost(0.00004)).toBe("$0.0000");
    expect(formatCost(1.256)).toBe("$1.26");
    expect(formatCost(0)).toBe("$0");
  });
});

describe("formatWakes", () => {
  it("counts wakes and mentions debounced ones only when there are some", () => {
    expect(formatWakes(1, 0)).toBe("1 wake");
    expect(formatWakes(5, 3)).toBe("5 wakes, 3 debounced");
  });
});

describe("labels", () => {
  it("words autofix outcomes and timeline headings", () => {
    expect(autofixLabel(null)).toBeNull();
    expect(autofixLabel("succeeded")).toBe("Succeeded");
    const base = { anchor: "audit-1", at: "2026-11-25T14:30:05Z" };
    expect(entryLabel({ ...base, kind: "autofix", outcome: "refused", rule: "app_cooldown", app: "a", machineId: "m", message: "", actor: "lookout" })).toBe(
      "Autofix refused (app cooling down)",
    );
    const dm = { ...base, kind: "dm" as const, dmKind: "investigation", errorCode: null, failureReason: null, attempts: 1, text: "", inThread: false, nextAttemptAt: null, lateByS: null, slackUrl: null };
    expect(entryLabel({ ...dm, status: "failed", errorCode: "channel_not_found", attempts: 3 })).toBe("Slack DM not delivered (channel_not_found)");
    expect(entryLabel({ ...dm, status: "sent" })).toBe("Slack DM sent");
    expect(entryLabel({ ...dm, status: "queued", errorCode: "ratelimited" })).toBe("Slack DM not delivered yet: retrying (ratelimited)");
    expect(entryLabel({ ...dm, status: "unknown", errorCode: "missing_scope" })).toBe("Slack DM may not have been delivered (missing_scope)");
    expect(entryLabel({ ...dm, dmKind: "resolution", status: "sent" })).toBe("Slack resolution message sent");
    expect(entryLabel({ ...dm, dmKind: "resolution", status: "folded" })).toBe("Resolution told in the late first message");
    expect(entryLabel({ ...base, kind: "resolved", durationS: 725 })).toBe("Incident resolved after 12 min");
    expect(entryLabel({ ...dm, dmKind: "reminder", status: "sent" })).toBe("Reminder");
    expect(entryLabel({ ...dm, dmKind: "reminder", status: "failed", errorCode: "ratelimited" })).toBe("Reminder not delivered (ratelimited)");
    expect(entryLabel({ ...dm, dmKind: "update", status: "sent" })).toBe("Message updated");
    expect(entryLabel({ ...dm, dmKind: "update", status: "queued", errorCode: null })).toBe("Message update not delivered yet: retrying");
    expect(entryLabel({ ...base, kind: "acknowledged", by: "slack:U123", via: "slack" })).toBe("Acknowledged by slack:U123");
    expect(entryLabel({ ...base, kind: "flapping", phase: "started", changes: 6, window: 20 })).toBe("Flapping started");
    expect(entryLabel({ ...base, kind: "flapping", phase: "ended", changes: null, window: null })).toBe("Flapping ended");
    expect(entryLabel({ ...base, kind: "recovering", healthy: 1, threshold: 2 })).toBe("Recovering: healthy 1 of 2");
    expect(entryLabel({ ...base, kind: "escalated", fromSessionId: null, fromSeverity: null })).toBe("Escalated to critical");
    const window = { ...base, kind: "maintenance" as const, windowId: "w", scope: "all", scopeLabel: "All probes", reason: "r", by: "alice", startsAt: base.at, endsAt: base.at, early: false };
    expect(entryLabel({ ...window, phase: "created" })).toBe("Maintenance window started");
    expect(entryLabel({ ...window, phase: "created", startsAt: "2099-01-01T00:00:00.000Z" })).toBe("Maintenance window scheduled");
    expect(entryLabel({ ...window, phase: "ended" })).toBe("Maintenance window ended");
    const report = { lookoutDid: [], analysis: { format: "text" as const, text: "" }, claimCheck: "passed" as const, claimMismatch: null };
    const investigation = {
      ...base,
      kind: "investigation" as const,
      engine: "claude",
      model: null,
      inputTokens: 0,
      outputTokens: 0,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      costUsd: 0,
      durationMs: 0,
      summary: "",
      report,
      dmStatus: "sent",
      autofixAttempted: false,
      autofixOutcome: null,
      fallbackReason: null,
    };
    expect(entryLabel(investigation)).toBe("Investigation completed");
    expect(entryLabel({ ...investigation, report: { ...report, claimCheck: "claim_mismatch", claimMismatch: "x" } })).toBe("Investigation completed: claim mismatch");
  });

  it("shows a clock with seconds in the server's zone", () => {
    expect(formatClockSeconds("2026-11-25T14:30:05Z", "UTC")).toBe("14:30:05");
  });

  it("turns Slack escapes back into text and drops the severity shortcodes", () => {
    expect(readableSlackText(":large_orange_circle: Warning: a &amp; b &lt;c&gt;")).toBe("Warning: a & b <c>");
  });
});

describe("investigationsHref", () => {
  it("keeps filters in a fixed order and adds the cursor last", () => {
    expect(investigationsHref({})).toBe("/investigations");
    expect(investigationsHref({ dm: "sent", probe: "fly", state: "open", severity: "warning" }, "abc123")).toBe(
      "/investigations?probe=fly&severity=warning&state=open&dm=sent&cursor=abc123",
    );
    expect(investigationsHref({ maintenance: "yes", flapping: "no", ack: "yes", probe: "fly" })).toBe("/investigations?probe=fly&ack=yes&flapping=no&maintenance=yes");
  });
});
