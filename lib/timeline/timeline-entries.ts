import { readInvestigationReport, type InvestigationReport } from "@/lib/investigate/investigation-report";
import type { TimelineEntry, WakeState } from "./types";

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
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
