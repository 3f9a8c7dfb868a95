import type { InvestigationReport } from "@/lib/investigate/investigation-report";

/**
 * An investigation's DM as the investigations list shows it: delivered (by Claude's report or the fallback),
 * refused for good, still being retried, or perhaps not delivered (a crash mid-post Slack's history could not settle).
 */
export const dmStatuses = ["sent", "failed_send", "engine_unavailable_fallback", "engine_unavailable_failed_send", "retrying", "unknown"] as const;
export type DmStatus = (typeof dmStatuses)[number];

/** An outbox row's state: see the DmMessage model. */
export const deliveryStatuses = ["queued", "sending", "sent", "failed", "unknown", "folded"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface SendResult {
  status: DeliveryStatus;
  /** Slack's error code (`channel_not_found`, `ratelimited`, `timeout`, `slack_not_configured`, …) when not sent. */
  errorCode: string | null;
  channel: string | null;
  ts: string | null;
  /** True when an earlier delivery had already sent this message: nothing was sent again. */
  alreadySent: boolean;
}

/** The list's DM status for an investigation whose message is in `delivery`. */
export function dmStatusOf(engine: string, delivery: string): DmStatus {
  const fallback = engine !== "claude";
  if (delivery === "sent") return fallback ? "engine_unavailable_fallback" : "sent";
  if (delivery === "failed") return fallback ? "engine_unavailable_failed_send" : "failed_send";
  return delivery === "unknown" ? "unknown" : "retrying";
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

/**
 * What a stored DmMessage row carries: one wake's investigation, the incident's resolution, a reminder in
 * its thread, or an update (chat.update) of its first message to show the incident's state now.
 */
export const dmKinds = ["investigation", "resolution", "reminder", "update"] as const;
export type DmKind = (typeof dmKinds)[number];
