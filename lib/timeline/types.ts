import type { InvestigationReport } from "@/lib/investigate/investigation-report";
import type { InvestigationListRow } from "./list-investigations";

export type WakeState = "pending" | "processing" | "done" | "debounced" | "failed" | "unknown";

interface EntryBase {
  /** Stable across reloads and refreshes: `audit-<id>` or `dm-<id>`. */
  anchor: string;
  at: string;
}

export type TimelineEntry =
  | (EntryBase & { kind: "wake"; wakeId: string | null; wakeState: WakeState; severity: string; title: string; detail: string; envelopeEnabled: boolean })
  | (EntryBase & { kind: "autofix"; outcome: string; rule: string | null; app: string | null; machineId: string | null; message: string; actor: string })
  | (EntryBase & {
      kind: "investigation";
      engine: string;
      model: string | null;
      inputTokens: number;
      outputTokens: number;
      cacheCreationTokens: number;
      cacheReadTokens: number;
      costUsd: number;
      durationMs: number;
      /** The whole text as stored; `report` holds the same in its two parts. */
      summary: string;
      /** What Lookout did (from its records) and the analysis, apart; claimCheck/claimMismatch flag a contradicted claim. */
      report: InvestigationReport;
      dmStatus: string | null;
      autofixAttempted: boolean;
      autofixOutcome: string | null;
      fallbackReason: string | null;
    })
  | (EntryBase & {
      kind: "dm";
      dmKind: string;
      /** The outbox state: queued | sending | sent | failed | unknown | folded. */
      status: string;
      errorCode: string | null;
      /** Why it is not (yet) delivered, in the operator's words. */
      failureReason: string | null;
      attempts: number;
      text: string;
      inThread: boolean;
      /** When the outbox tries it again, while it waits. */
      nextAttemptAt: string | null;
      /** Seconds between writing it and Slack taking it, once sent. */
      lateByS: number | null;
      slackUrl: string | null;
    })
  | (EntryBase & { kind: "resolved"; durationS: number | null })
  | (EntryBase & { kind: "acknowledged"; by: string; via: string | null })
  | (EntryBase & { kind: "flapping"; phase: "started" | "ended"; changes: number | null; window: number | null })
  | (EntryBase & { kind: "escalated"; fromSessionId: string | null; fromSeverity: string | null })
  | (EntryBase & { kind: "recovering"; healthy: number | null; threshold: number | null })
  | (EntryBase & {
      kind: "maintenance";
      phase: "created" | "ended";
      windowId: string;
      /** "all" or one probe, and how to say it ("All probes", "Fly.io"). */
      scope: string;
      scopeLabel: string;
      reason: string;
      /** Who created it (created) or ended it (ended); null when its end time simply passed. */
      by: string | null;
      startsAt: string;
      endsAt: string;
      /** Ended before its planned end. */
      early: boolean;
    });

export interface TimelineSnapshot {
  id: string;
  status: string;
  observedAt: string;
  latencyMs: number;
  error: string | null;
}

export interface Timeline {
  incident: InvestigationListRow & { probeLabel: string; detail: string };
  /** Oldest first. */
  entries: TimelineEntry[];
  /** True while the incident is open or one of its wakes is still waiting or being investigated. */
  live: boolean;
  /** True when the incident has more audit rows than one page shows. */
  entriesTruncated: boolean;
  snapshots: {
    /** Oldest first, at most one page. */
    items: TimelineSnapshot[];
    /** Every snapshot of the probe in the window (30 min before opening to 30 min after resolution, or now). */
    total: number;
    windowFrom: string;
    windowTo: string;
    /** Cursor for the page of older snapshots, if any. */
    olderCursor: string | null;
    /** Cursor for the page of newer snapshots, if this is not the newest page. */
    newerCursor: string | null;
  };
  generatedAt: string;
}
