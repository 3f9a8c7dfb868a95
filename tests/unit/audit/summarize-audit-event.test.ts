import { describe, expect, it } from "vitest";
import { summarizeAuditEvent } from "@/lib/audit/summarize-audit-event";
import { formatSpan } from "@/lib/dashboard/format";

describe("summarizeAuditEvent", () => {
  it("reads an envelope toggle as probe: before → after (reason)", () => {
    const details = { probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: "wedged after deploys" };
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details })).toBe("fly: off → on (wedged after deploys)");
    expect(summarizeAuditEvent({ seam: "envelope.toggled", probe: "fly", details: { ...details, before: true, after: false, reason: null } })).toBe(
      "fly: on → off",
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
    for (const details of [null, "not json", 42, [], { before: "yes" }]) {
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

  it("reads an autofix attempt as its outcome, the refusing rule and the machine", () => {
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { outcome: "refused", rule: "one_restart_per_incident", app: "rt", machine_id: "m1" } })).toBe(
      "Restart refused (one restart per incident): machine m1 in rt",
    );
    expect(summarizeAuditEvent({ seam: "tool.probe_autofix_attempted", probe: "fly", details: { outcome: "succeeded", app: "rt", machine_id: "m1" } })).toBe("Restart succeeded: machine m1 in rt");
  });
});
