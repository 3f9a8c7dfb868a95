import type { KeyFigure } from "@/lib/dashboard/types";
import type { ProbeName, ProbeStatus } from "@/lib/probes/types";

// The doctor's report: what `npm run doctor` prints and what `--json` returns.

/**
 * `ok` works; `warn` works but the vendor reports a problem (or an optional part is unreadable);
 * `fail` is configured and does not work; `unconfigured` is missing variables; `skipped` was not run.
 */
export type Verdict = "ok" | "warn" | "fail" | "unconfigured" | "skipped";

/** How a failed call failed, as the operator can act on it. */
export type FailureKind =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rejected"
  | "redirect"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network"
  | "malformed"
  | "internal";

export interface Fix {
  level: "fail" | "warn";
  kind: FailureKind;
  /** The HTTP status (or Slack's error code) the vendor answered, when it answered. */
  status: number | string | null;
  sentence: string;
}

export type CheckName = ProbeName | "slack" | "anthropic";

export interface DoctorCheck {
  name: CheckName;
  label: string;
  verdict: Verdict;
  configured: boolean;
  /** Required variables that are not set (empty when configured). */
  missing: string[];
  /** Host (and port) the check talks to: the vendor's API, or the simulator. */
  endpoint: string | null;
  /** Whether the vendor answered at all; null when nothing was called. */
  reachable: boolean | null;
  latencyMs: number | null;
  /** The probe's own status, as the dashboard would record it; null for Slack and Anthropic. */
  status: ProbeStatus | null;
  /** What it saw: the dashboard's key figures for this vendor. */
  figures: KeyFigure[];
  /** The vendor's own problem sentences, verbatim (redacted). */
  problems: string[];
  /** One sentence per failure on how to fix it. */
  fixes: Fix[];
  /** Context that changes nothing about the verdict. */
  notes: string[];
}

export interface DoctorReport {
  /** True when everything configured works (exit code 0). */
  ok: boolean;
  exitCode: 0 | 1;
  ai: boolean;
  counts: Record<Verdict, number>;
  checks: DoctorCheck[];
}

/** A check with nothing filled in yet; each checker sets what it learned. */
export function createCheck(name: CheckName, label: string, fields: Partial<DoctorCheck> = {}): DoctorCheck {
  return {
    name,
    label,
    verdict: "ok",
    configured: true,
    missing: [],
    endpoint: null,
    reachable: null,
    latencyMs: null,
    status: null,
    figures: [],
    problems: [],
    fixes: [],
    notes: [],
    ...fields,
  };
}
