import { readInvestigationReport, type InvestigationReport } from "@/lib/investigate/investigation-report";
import type { MaintenanceWindow } from "@/lib/generated/prisma/client";
import { sessionIdPattern } from "@/lib/incidents/session-id";
import { getProbe } from "@/lib/probes/registry";
import type { TimelineEntry, WakeState } from "./types";

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const wakeStates: WakeState[] = ["pending", "processing", "done", "debounced", "failed"];

const noReportColumns = { lookoutDid: null, analysisFormat: null, whatIsWrong: null, likelyCause: null, nextSteps: null, confidence: null, analysisText: null, claimCheck: null, claimMismatch: null };

function parse(raw: string): Json {
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === "object" ? (value as Json) : {};
  } catch {
    return {};
  }
}

/**
 * One audit row as a timeline entry; `wakeStates` gives each wake's current state by id. An investigation
 * is placed no later than its wake's DM (`reportedAtByWake`), since it was complete before the DM was sent,
 * and shows the report stored on its Investigation row (`reportsById`), or its audited summary without one.
 */
export function auditEntry(
  row: { id: number; seam: string; actor: string; details: string; createdAt: Date },
  wakeStatesById: Map<string, string>,
  reportedAtByWake: Map<string, string> = new Map(),
  reportsById: Map<string, InvestigationReport> = new Map(),
): TimelineEntry | null {
  const d = parse(row.details);
  const base = { anchor: `audit-${row.id}`, at: row.createdAt.toISOString() };
  switch (row.seam) {
    case "probe.wake_requested": {
      const wakeId = str(d.wake_id);
      const state = wakeId ? wakeStatesById.get(wakeId) : undefined;
      return {
        ...base,
        kind: "wake",
        wakeId,
        wakeState: wakeStates.includes(state as WakeState) ? (state as WakeState) : "unknown",
        severity: str(d.severity) ?? "warning",
        title: str(d.title) ?? "Wake requested",
        detail: str(d.detail) ?? "",
        envelopeEnabled: d.envelope_enabled === true,
      };
    }
    case "tool.probe_autofix_attempted":
      return { ...base, kind: "autofix", outcome: str(d.outcome) ?? "unknown", rule: str(d.rule), app: str(d.app), machineId: str(d.machine_id), message: str(d.message) ?? "", actor: row.actor };
    case "probe.investigation_completed": {
      const reportedAt = reportedAtByWake.get(str(d.wake_id) ?? "");
      return {
        ...base,
        at: reportedAt && reportedAt < base.at ? reportedAt : base.at,
        kind: "investigation",
        engine: str(d.engine) ?? "unknown",
        model: str(d.model),
        inputTokens: num(d.input_tokens),
        outputTokens: num(d.output_tokens),
        cacheCreationTokens: num(d.cache_creation_tokens),
        cacheReadTokens: num(d.cache_read_tokens),
        costUsd: num(d.cost_usd),
        durationMs: num(d.duration_ms),
        summary: str(d.summary) ?? "",
        report:
          reportsById.get(str(d.investigation_id) ?? "") ??
          readInvestigationReport({ ...noReportColumns, engine: str(d.engine) ?? "unknown", summary: str(d.summary) ?? "", autofixOutcome: str(d.autofix_outcome) }),
        dmStatus: str(d.dm_status),
        autofixAttempted: d.autofix_attempted === true,
        autofixOutcome: str(d.autofix_outcome),
        fallbackReason: str(d.fallback_reason),
      };
    }
    case "probe.incident_resolved":
      return { ...base, kind: "resolved", durationS: typeof d.duration_s === "number" ? d.duration_s : null };
    case "incident.acknowledged":
      return { ...base, kind: "acknowledged", by: str(d.by) ?? row.actor, via: str(d.via) };
    case "incident.flapping_started":
    case "incident.flapping_ended":
      return { ...base, kind: "flapping", phase: row.seam === "incident.flapping_started" ? "started" : "ended", changes: numOrNull(d.changes), window: numOrNull(d.window) };
    case "incident.escalated": {
      const from = str(d.from_session_id);
      return { ...base, kind: "escalated", fromSessionId: from && sessionIdPattern.test(from) ? from : null, fromSeverity: str(d.from_severity) };
    }
    case "incident.recovering":
      return { ...base, kind: "recovering", healthy: numOrNull(d.healthy), threshold: numOrNull(d.threshold) };
    default:
      return null;
  }
}

/** One outbound Slack message as a timeline entry, linking to it in Slack once it was sent. */
export function dmEntry(dm: {
  id: string;
  kind: string;
  status: string;
  errorCode: string | null;
  failureReason: string | null;
  attempts: number;
  text: string;
  channel: string | null;
  ts: string | null;
  threadTs: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}): TimelineEntry {
  return {
    anchor: `dm-${dm.id}`,
    at: dm.createdAt.toISOString(),
    kind: "dm",
    dmKind: dm.kind,
    status: dm.status,
    errorCode: dm.errorCode,
    failureReason: dm.failureReason,
    attempts: dm.attempts,
    text: dm.text,
    inThread: dm.threadTs !== null,
    nextAttemptAt: dm.status === "queued" && dm.nextAttemptAt ? dm.nextAttemptAt.toISOString() : null,
    lateByS: dm.sentAt ? Math.max(0, Math.round((dm.sentAt.getTime() - dm.createdAt.getTime()) / 1000)) : null,
    slackUrl: dm.channel && dm.ts ? `https://slack.com/archives/${dm.channel}/p${dm.ts.replace(".", "")}` : null,
  };
}

/**
 * A maintenance window that overlapped the incident, as its two steps: created, and ended once it has
 * (by someone, or by its end time passing, which a cycle records later). `now` decides "has ended".
 */
export function maintenanceEntries(window: MaintenanceWindow, now: Date): TimelineEntry[] {
  const common = {
    kind: "maintenance" as const,
    windowId: window.id,
    scope: window.probe ?? "all",
    scopeLabel: window.probe ? (getProbe(window.probe)?.label ?? window.probe) : "All probes",
    reason: window.reason,
    startsAt: window.startsAt.toISOString(),
    endsAt: window.endsAt.toISOString(),
  };
  const entries: TimelineEntry[] = [
    { ...common, anchor: `maintenance-${window.id}-created`, at: window.createdAt.toISOString(), phase: "created", by: window.createdBy, early: false },
  ];
  const endedAt = window.endedAt ?? (window.endsAt <= now ? window.endsAt : null);
  if (endedAt) {
    const byPerson = window.endedBy && window.endedBy !== "lookout" ? window.endedBy : null;
    entries.push({ ...common, anchor: `maintenance-${window.id}-ended`, at: endedAt.toISOString(), phase: "ended", by: byPerson, early: endedAt < window.endsAt });
  }
  return entries;
}
