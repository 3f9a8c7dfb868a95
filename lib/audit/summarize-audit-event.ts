// One line per audit row, read from its details. Details are free-form JSON written over time by
// different seams, so every field is optional here and an unknown shape still gives a readable line.

import { formatSpan } from "@/lib/dashboard/format";

const MAX_LENGTH = 200;

type Details = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);
const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const onOff = (value: unknown): string => (value === true ? "on" : value === false ? "off" : "unknown");

function durationMs(details: Details): number | null {
  const ms = number(details.duration_ms);
  if (ms !== null) return ms;
  const seconds = number(details.duration_s);
  if (seconds !== null) return seconds * 1000;
  const opened = text(details.opened_at);
  const resolved = text(details.resolved_at);
  if (!opened || !resolved) return null;
  const span = Date.parse(resolved) - Date.parse(opened);
  return Number.isFinite(span) ? span : null;
}

function summarizeToggle(details: Details, probe: string | null): string {
  const who = text(details.probe) ?? probe ?? "envelope";
  // A toggle always stores its reason, null when none was typed; rows of an unknown shape claim nothing.
  const reason = text(details.reason) ?? ("reason" in details ? "no reason given" : null);
  return `${who}: ${onOff(details.before)} → ${onOff(details.after)}${reason ? ` (${reason})` : ""}`;
}

function summarizeResolved(details: Details): string {
  const title = text(details.title) ?? text(details.category) ?? "Incident resolved";
  const span = durationMs(details);
  return span === null ? title : `${title}, resolved after ${formatSpan(span)}`;
}

const dmWords: Record<string, string> = {
  sent: "DM sent",
  failed_send: "DM failed",
  engine_unavailable_fallback: "fallback DM sent",
  engine_unavailable_failed_send: "fallback DM failed",
  retrying: "DM retrying",
  unknown: "DM maybe not delivered",
};

function summarizeDelivery(details: Details): string {
  const what = text(details.kind) === "resolution" ? "Resolution message" : "DM";
  const delay = number(details.delay_s);
  const late = delay !== null && delay >= 120 ? `, ${formatSpan(delay * 1000)} late` : "";
  switch (text(details.status)) {
    case "sent":
      return `${what} delivered${details.found_in_history === true ? " (found in Slack after an interrupted send)" : ""}${late}${details.resolution_folded === true ? "; told the resolution too" : ""}`;
    case "unknown":
      return `${what} may not have been delivered: ${text(details.reason) ?? text(details.error_code) ?? "unknown"}`;
    default:
      return `${what} not delivered: ${text(details.reason) ?? text(details.error_code) ?? "unknown"}`;
  }
}

function summarizeInvestigation(details: Details): string {
  const engine = text(details.engine) === "fallback" ? "Fallback summary" : (text(details.model) ?? "Investigation");
  const cost = number(details.cost_usd);
  const dm = dmWords[text(details.dm_status) ?? ""] ?? null;
  // The analysis' own first words; a summary written in two parts opens with Lookout's heading instead.
  const summaryStart = text(details.summary)?.split("\n")[0] ?? null;
  const firstLine = text(details.what_is_wrong) ?? (summaryStart === "Lookout did:" ? null : summaryStart);
  const mismatch = text(details.claim_check) === "claim_mismatch" ? "claim mismatch" : null;
  return [engine, cost !== null ? `$${cost.toFixed(4)}` : null, dm, mismatch, text(details.autofix_outcome), firstLine].filter(Boolean).join(" · ");
}

function summarizeAutofix(details: Details): string {
  const outcome = text(details.outcome) ?? "attempted";
  const rule = text(details.rule);
  const target = text(details.machine_id) ? `machine ${text(details.machine_id)} in ${text(details.app) ?? "?"}` : null;
  return [`Restart ${outcome}${rule ? ` (${rule.replaceAll("_", " ")})` : ""}`, target].filter(Boolean).join(": ");
}

function clip(line: string): string {
  const oneLine = line.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine;
}

export function summarizeAuditEvent({ seam, probe, details }: { seam: string; probe: string | null; details: unknown }): string {
  const d: Details = typeof details === "object" && details !== null && !Array.isArray(details) ? (details as Details) : {};
  switch (seam) {
    case "envelope.toggled":
      return clip(summarizeToggle(d, probe));
    case "probe.wake_requested":
      return clip(text(d.title) ?? text(d.category) ?? "Wake requested");
    case "probe.incident_resolved":
      return clip(summarizeResolved(d));
    case "probe.investigation_completed":
      return clip(summarizeInvestigation(d));
    case "tool.probe_autofix_attempted":
      return clip(summarizeAutofix(d));
    case "slack.dm_delivery":
      return clip(summarizeDelivery(d));
    case "operator.signed_in":
      return clip(`Signed in with the ${d.method === "token" ? "one-time token" : "password"} from ${text(d.client) ?? "an unknown address"}`);
    case "operator.signed_out":
      return "Signed out";
    default:
      // A seam this page does not know yet: show its raw details rather than nothing.
      return clip(typeof details === "string" ? details : (JSON.stringify(details) ?? ""));
  }
}
