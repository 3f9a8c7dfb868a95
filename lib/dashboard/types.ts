import type { ProbeName, ProbeStatus } from "@/lib/probes/types";

// The dashboard's JSON: what the page renders first and what GET /api/dashboard returns on every poll.
// Dates are ISO strings so the server render and the polled data have one shape.

/** One figure that matters on a card, e.g. "Error rate 24 h" → "12.5 %". */
export interface KeyFigure {
  label: string;
  value: string;
  /** Smaller second line, e.g. the names of unhealthy machines. */
  detail?: string;
  /** Only for facts that are plainly good or bad on their own (a service down, a rate limit). */
  tone?: "good" | "warn" | "bad";
}

/** Worst status seen in one slice of the history strip; null when no snapshot fell in it. */
export interface HistoryBucket {
  start: string;
  end: string;
  status: ProbeStatus | null;
}

export interface LatestSnapshot {
  cycleId: string;
  status: ProbeStatus;
  latencyMs: number;
  error: string | null;
  observedAt: string;
}

/** An open incident of one probe, as its card shows it; the session id links to everything about it. */
export interface CardIncident {
  sessionId: string;
  category: string;
  severity: "critical" | "warning";
  title: string;
  openedAt: string;
  issueCount: number;
  /** Who acknowledged it (an operator's name, or slack:<user id>) and when; null while nobody has. */
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Its probe is flapping now (started, not yet ended). */
  flapping: boolean;
  /** Recorded during a maintenance window: it woke nothing while the window lasted. */
  duringMaintenance: boolean;
}

/** The maintenance window silencing a probe now: nothing wakes for it until `until`. */
export interface CardSilence {
  windowId: string;
  /** "all" or the probe's own name. */
  scope: string;
  until: string;
  reason: string;
  by: string;
}

/** `pending`: configured, but no check has run since it was. */
export type CardStatus = ProbeStatus | "pending";

export interface ProbeCard {
  probe: ProbeName;
  label: string;
  configured: boolean;
  /** For an unconfigured probe: the variables to set, e.g. ["FLY_API_TOKEN", "FLY_APPS"]. */
  setupEnv: string[] | null;
  status: CardStatus;
  latest: LatestSnapshot | null;
  figures: KeyFigure[];
  history: HistoryBucket[];
  /** Open incidents of this probe, critical first then newest; usually none or one. */
  openIncidents: CardIncident[];
  /** Set while a maintenance window covers this probe. */
  silenced: CardSilence | null;
}

export interface LastCycle {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface DashboardData {
  /** Server time of this read; relative times ("2 min ago") are measured from it so server and browser agree. */
  generatedAt: string;
  /** The server's time zone; clock times are shown in it on both sides of hydration. */
  timeZone: string;
  lastCycle: LastCycle | null;
  cards: ProbeCard[];
}
