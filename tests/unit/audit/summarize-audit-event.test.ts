import { describe, expect, it } from "vitest";
import { summarizeAuditEvent } from "@/lib/audit/summarize-audit-event";
import { formatSpan } from "@/lib/dashboard/format";

describe("summarizeAuditEvent", () => {
  it("reads an envelope toggle as probe: before → after (reason)", () => {
    const details = { probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: "wedged after deploys" };
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details })).toBe("fly: off → on (wedged after deploys)");
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details: { ...details, before: true, after: false, reason: null } })).toBe(
      "fly: on → off (no reason given)",
    );
  });

  it("uses the title of a wake, falling back to its category", () => {
    expect(summarizeAuditEvent({ seam: "probe.wake_requested", probe: "fly", details: { title: "1 Fly machine unhealthy" } })).toBe(
      "1 Fly machine unhealthy",
    );
    expect(summarizeAuditEvent({ seam: "probe.wake_requested", probe: "fly", details: { category: "service_degraded" } })).toBe("service_degraded");
  });

  it("adds how long a resolved incident was open, from a duration or from its two timestamps", () => {
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "fly", details: { title: "Fly degraded", duration_ms: 12 * 60_000 } })).toBe(
      "Fly degraded, resolved after 12 min",
    );
    // The shape the incident resolver writes.
    const resolved = { probe: "fly", category: "service_degraded", title: "Fly.io machines are unhealthy", opened_at: "2026-11-25T10:00:00.000Z", duration_s: 758 };
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "fly", details: resolved })).toBe(
      "Fly.io machines are unhealthy, resolved after 12 min",
    );
    const details = { title: "Supabase down", opened_at: "2026-11-25T10:00:00.000Z", resolved_at: "2026-11-25T11:05:00.000Z" };
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "supabase", details })).toBe("Supabase down, resolved after 1 h 5 min");
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "supabase", details: { title: "Supabase down" } })).toBe("Supabase down");
  });

  it("never fails on details of an unexpected shape", () => {
    for (const details of [null, undefined, "not json", 42, [], { before: "yes" }]) {
      for (const seam of ["envelope.toggled", "probe.wake_requested", "probe.incident_resolved", "something.new"]) {
        expect(typeof summarizeAuditEvent({ seam, probe: null, details })).toBe("string");
      }
    }
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details: null })).toBe("fly: unknown → unknown");
  });

  it("keeps an unknown seam to one clipped line of its raw details", () => {
    const line = summarizeAuditEvent({ seam: "something.new", probe: null, details: { note: "a\nb".repeat(200) } });
    expect(line).not.toContain("\n");
    expect(line.length).toBeLessThanOrEqual(200);
    expect(line.endsWith("…")).toBe(true);
  });
});

describe("summarizeAuditEvent fallbacks", () => {
  it("names the envelope when neither the details nor the row name a probe", () => {
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: null, details: { before: true, after: false } })).toBe("envelope: on → off");
  });

  it("trims stray whitespace from recorded fields and ignores blank ones", () => {
    const details = { probe: "  fly  ", before: false, after: true, reason: "  wedged after deploys  " };
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details })).toBe("fly: off → on (wedged after deploys)");
    expect(summarizeAuditEvent({ seam: "probe.wake_requested", probe: "fly", details: { title: "   ", category: "service_degraded" } })).toBe("service_degraded");
  });

  it("says what happened when a wake or a resolved incident recorded no title or category", () => {
    expect(summarizeAuditEvent({ seam: "probe.wake_requested", probe: "fly", details: {} })).toBe("Wake requested");
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "fly", details: {} })).toBe("Incident resolved");
  });

  it("leaves out a duration or a cost that is not a finite number", () => {
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "fly", details: { title: "Fly degraded", duration_ms: Number.NaN } })).toBe("Fly degraded");
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { model: "m", cost_usd: Number.POSITIVE_INFINITY } })).toBe("m");
  });

  it("gives no duration when only one of the two timestamps was recorded", () => {
    const opened = { title: "Supabase down", opened_at: "2026-11-25T10:00:00.000Z" };
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "supabase", details: opened })).toBe("Supabase down");
    const resolved = { title: "Supabase down", resolved_at: "2026-11-25T11:05:00.000Z" };
    expect(summarizeAuditEvent({ seam: "probe.incident_resolved", probe: "supabase", details: resolved })).toBe("Supabase down");
  });
});

describe("summarizeAuditEvent for sign-in and sign-out", () => {
  it("reads a sign-in as the method used and the client address", () => {
    expect(summarizeAuditEvent({ seam: "operator.signed_in", probe: null, details: { client: "203.0.113.7", method: "password", expires_at: "2026-11-26T10:00:00.000Z" } })).toBe(
      "Signed in with the password from 203.0.113.7",
    );
    expect(summarizeAuditEvent({ seam: "operator.signed_in", probe: null, details: { client: "203.0.113.7", method: "token" } })).toBe(
      "Signed in with the one-time token from 203.0.113.7",
    );
  });

  it("says the address is unknown when none was recorded", () => {
    expect(summarizeAuditEvent({ seam: "operator.signed_in", probe: null, details: { method: "password", client: " " } })).toBe(
      "Signed in with the password from an unknown address",
    );
  });

  it("reads a sign-out as such", () => {
    expect(summarizeAuditEvent({ seam: "operator.signed_out", probe: null, details: {} })).toBe("Signed out");
  });
});

describe("summarizeAuditEvent for a seam it does not know", () => {
  it("shows raw text details as they are, not as a quoted JSON string", () => {
    expect(summarizeAuditEvent({ seam: "something.new", probe: null, details: "not json {" })).toBe("not json {");
  });

  it("folds runs of whitespace into one space and trims the ends", () => {
    expect(summarizeAuditEvent({ seam: "something.new", probe: null, details: "  first line\n\n  second line  " })).toBe("first line second line");
    expect(summarizeAuditEvent({ seam: "probe.wake_requested", probe: "fly", details: { title: "Fly\n\n  degraded" } })).toBe("Fly degraded");
  });

  it("keeps a line of exactly 200 characters whole and clips a longer one to 200 with an ellipsis", () => {
    const exact = "x".repeat(200);
    expect(summarizeAuditEvent({ seam: "something.new", probe: null, details: exact })).toBe(exact);
    const clipped = summarizeAuditEvent({ seam: "something.new", probe: null, details: "x".repeat(201) });
    expect(clipped).toBe(`${"x".repeat(199)}…`);
  });

  it("shows JSON details as JSON and nothing at all for no details", () => {
    expect(summarizeAuditEvent({ seam: "something.new", probe: null, details: { a: 1 } })).toBe('{"a":1}');
    expect(summarizeAuditEvent({ seam: "something.new", probe: null, details: undefined })).toBe("");
  });
});

describe("formatSpan", () => {
  it.each([
    [45_000, "45 s"],
    [12 * 60_000, "12 min"],
    [2 * 3_600_000, "2 h"],
    [3 * 3_600_000 + 5 * 60_000, "3 h 5 min"],
    [2 * 86_400_000 + 4 * 3_600_000, "2 d 4 h"],
    [-5_000, "0 s"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe("summarizeAuditEvent for the investigator's seams", () => {
  it("reads an investigation as model, cost, DM outcome and the summary's first line", () => {
    const line = summarizeAuditEvent({
      seam: "probe.investigation_completed",
      probe: "fly",
      details: { engine: "claude", model: "claude-sonnet-5-5", cost_usd: 0.0098, dm_status: "sent", autofix_outcome: "Restarted machine abc in lookout-runtime", summary: "The machine failed its check.\n- more" },
    });
    expect(line).toBe("claude-sonnet-5-5 · $0.0098 · DM sent · Restarted machine abc in lookout-runtime · The machine failed its check.");
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { engine: "fallback", dm_status: "engine_unavailable_failed_send" } })).toBe(
      "Fallback summary · fallback DM failed",
    );
  });

  it("reads a two-part investigation by Claude's own first words, and says when a claim was contradicted", () => {
    const details = { engine: "claude", model: "claude-sonnet-5-5", cost_usd: 0.01, dm_status: "sent", summary: "Lookout did:\n- Fly.io envelope OFF", what_is_wrong: "Machine abc failed.", claim_check: "claim_mismatch" };
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details })).toBe("claude-sonnet-5-5 · $0.0100 · DM sent · claim mismatch · Machine abc failed.");
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { ...details, what_is_wrong: null, claim_check: "passed" } })).toBe("claude-sonnet-5-5 · $0.0100 · DM sent");
  });

  it("reads an autofix attempt as its outcome, the refusing rule and the machine", () => {
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { outcome: "refused", rule: "one_restart_per_incident", app: "rt", machine_id: "m1" } })).toBe(
      "Restart refused (one restart per incident): machine m1 in rt",
    );
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { outcome: "succeeded", app: "rt", machine_id: "m1" } })).toBe("Restart succeeded: machine m1 in rt");
  });

  it("reads an autofix attempt with parts missing without dangling separators", () => {
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { outcome: "refused", rule: "one_restart_per_incident" } })).toBe(
      "Restart refused (one restart per incident)",
    );
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { machine_id: "m1" } })).toBe("Restart attempted: machine m1 in ?");
  });

  it.each([
    ["sent", "DM sent"],
    ["failed_send", "DM failed"],
    ["engine_unavailable_fallback", "fallback DM sent"],
    ["engine_unavailable_failed_send", "fallback DM failed"],
  ])("reads the DM status %s as %s", (dm_status, words) => {
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { model: "m", dm_status } })).toBe(`m · ${words}`);
  });

  it("calls an investigation without a recorded model just that, and skips an unknown DM status", () => {
    expect(summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { engine: "claude", dm_status: "later" } })).toBe("Investigation");
  });
});

describe("summarizeAuditEvent for a Slack DM's delivery", () => {
  const delivery = (details: Record<string, unknown>) => summarizeAuditEvent({ seam: "slack.dm_delivery", probe: "fly", details });

  it("reads a delivered DM, a delivered resolution, and how late either was from two minutes on", () => {
    expect(delivery({ kind: "investigation", status: "sent", delay_s: 119 })).toBe("DM delivered");
    expect(delivery({ kind: "resolution", status: "sent", delay_s: 120 })).toBe("Resolution message delivered, 2 min late");
    expect(delivery({ kind: "investigation", status: "sent", delay_s: 540, resolution_folded: true })).toBe("DM delivered, 9 min late; told the resolution too");
    expect(delivery({ kind: "investigation", status: "sent", found_in_history: true })).toBe("DM delivered (found in Slack after an interrupted send)");
  });

  it("gives the reason a DM was not delivered, or its code when no reason was recorded", () => {
    expect(delivery({ kind: "investigation", status: "failed", error_code: "token_revoked", reason: "the Slack token was revoked" })).toBe("DM not delivered: the Slack token was revoked");
    expect(delivery({ kind: "resolution", status: "failed", error_code: "channel_not_found" })).toBe("Resolution message not delivered: channel_not_found");
    expect(delivery({ status: "unknown", reason: "not sent again, to avoid a duplicate" })).toBe("DM may not have been delivered: not sent again, to avoid a duplicate");
    expect(delivery({ status: "unknown" })).toBe("DM may not have been delivered: unknown");
    expect(delivery({ status: "failed" })).toBe("DM not delivered: unknown");
    // Only `true` counts: a string or a number in those fields says nothing.
    expect(delivery({ status: "sent", found_in_history: "true", resolution_folded: 1, delay_s: "600" })).toBe("DM delivered");
  });

  it("names the two outbox states an investigation's DM can be in meanwhile", () => {
    const investigation = (dm_status: string) => summarizeAuditEvent({ seam: "probe.investigation_completed", probe: "fly", details: { engine: "claude", model: "m", dm_status } });
    expect(investigation("retrying")).toBe("m · DM retrying");
    expect(investigation("unknown")).toBe("m · DM maybe not delivered");
  });
});
