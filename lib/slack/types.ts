import type { InvestigationReport } from "@/lib/investigate/investigation-report";

export const dmStatuses = ["sent", "failed_send", "engine_unavailable_fallback", "engine_unavailable_failed_send"] as const;
export type DmStatus = (typeof dmStatuses)[number];

export interface SendResult {
  status: "sent" | "failed_send";
  /** Slack's error code (`channel_not_found`, `ratelimited`, `timeout`, `slack_not_configured`, …) when not sent. */
  errorCode: string | null;
  channel: string | null;
  ts: string | null;
  /** True when an earlier attempt had already sent this message: nothing was sent again. */
  alreadySent: boolean;
}

export interface InvestigationDm {
  sessionId: string;
  wakeId: string;
  probe: string;
  severity: "critical" | "warning";
  title: string;
  /** What Lookout did (from its records) and the analysis, kept apart in the message. */
  report: InvestigationReport;
  engine: "claude" | "fallback";
}

export interface ResolutionDm {
  sessionId: string;
  probe: string;
  title: string;
  durationS: number;
}

/** What a stored DmMessage row carries: one wake's investigation, or the incident's resolution. */
export const dmKinds = ["investigation", "resolution"] as const;
export type DmKind = (typeof dmKinds)[number];
