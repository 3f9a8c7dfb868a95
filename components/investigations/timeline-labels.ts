import { formatSpan } from "@/lib/dashboard/format";
import type { TimelineEntry } from "@/lib/timeline/types";

// The heading of each timeline entry, in words; pure, so the list and its tests agree.

const refusalRules: Record<string, string> = {
  envelope_enabled: "envelope off",
  machine_reported_unhealthy: "machine not reported unhealthy",
  one_restart_per_incident: "one restart per incident",
  app_cooldown: "app cooling down",
  invalid_request: "invalid request",
};

const wakeStateLabels: Record<string, string | null> = {
  pending: "Waiting",
  processing: "Investigating",
  done: null,
  debounced: "Debounced",
  failed: "Failed",
  unknown: null,
};

export function entryLabel(entry: TimelineEntry): string {
  switch (entry.kind) {
    case "wake":
      return "Wake requested";
    case "autofix":
      if (entry.outcome === "refused") return `Autofix refused (${refusalRules[entry.rule ?? ""] ?? entry.rule ?? "rule unknown"})`;
      return `Autofix ${entry.outcome}`;
    case "investigation":
      return entry.report.claimCheck === "claim_mismatch" ? "Investigation completed: claim mismatch" : "Investigation completed";
    case "dm":
      return dmLabel(entry);
    case "resolved":
      return entry.durationS === null ? "Incident resolved" : `Incident resolved after ${formatSpan(entry.durationS * 1000)}`;
    case "acknowledged":
      return `Acknowledged by ${entry.by}`;
    case "flapping":
      return entry.phase === "started" ? "Flapping started" : "Flapping ended";
    case "escalated":
      return "Escalated to critical";
    case "recovering":
      return entry.healthy !== null && entry.threshold !== null ? `Recovering: healthy ${entry.healthy} of ${entry.threshold}` : "Recovering";
    case "maintenance":
      return entry.phase === "created" ? maintenanceCreatedLabel(entry) : "Maintenance window ended";
  }
}

function maintenanceCreatedLabel(entry: Extract<TimelineEntry, { kind: "maintenance" }>): string {
  return entry.startsAt > entry.at ? "Maintenance window scheduled" : "Maintenance window started";
}

/** What kind of Slack message a DM entry is, in words. */
export const dmKindLabels: Record<string, string> = {
  investigation: "Investigation DM",
  resolution: "Resolution message",
  reminder: "Reminder in the incident's thread",
  update: "The first DM, redrawn in place",
};

const dmWords: Record<string, string> = { resolution: "Slack resolution message", reminder: "Reminder", update: "Message update" };
const dmWord = (entry: Extract<TimelineEntry, { kind: "dm" }>) => dmWords[entry.dmKind] ?? "Slack DM";
// A reminder and a redraw say what they are once sent; "Reminder sent" would add nothing.
const sentLabels: Record<string, string> = { reminder: "Reminder", update: "Message updated" };

function dmLabel(entry: Extract<TimelineEntry, { kind: "dm" }>): string {
  const code = entry.errorCode ? ` (${entry.errorCode})` : "";
  switch (entry.status) {
    case "sent":
      return sentLabels[entry.dmKind] ?? `${dmWord(entry)} sent`;
    case "folded":
      return "Resolution told in the late first message";
    case "queued":
    case "sending":
      return `${dmWord(entry)} not delivered yet: retrying${code}`;
    case "unknown":
      return `${dmWord(entry)} may not have been delivered${code}`;
    default:
      return `${dmWord(entry)} not delivered${code}`;
  }
}

/** The wake's own state when it adds something ("Debounced", "Waiting"); null once it simply ran. */
export function wakeStateLabel(state: string): string | null {
  return wakeStateLabels[state] ?? null;
}
