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
  }
}

const dmWord = (entry: Extract<TimelineEntry, { kind: "dm" }>) => (entry.dmKind === "resolution" ? "Slack resolution message" : "Slack DM");

function dmLabel(entry: Extract<TimelineEntry, { kind: "dm" }>): string {
  const code = entry.errorCode ? ` (${entry.errorCode})` : "";
  switch (entry.status) {
    case "sent":
      return `${dmWord(entry)} sent`;
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
