import { countConsecutiveIssues } from "@/lib/detect/count-consecutive-issues";
import { detectIssue } from "@/lib/detect/detect-issue";
import { describeError } from "@/lib/describe-error";
import type { Env } from "@/lib/env";
import { loadEnvelopeSwitches } from "@/lib/envelopes/is-envelope-enabled";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { openKeyOf } from "@/lib/incidents/open-or-continue-incident";
import type { MaintenanceWindow } from "@/lib/generated/prisma/client";
import { judgeStability, readRecentStatuses, stabilityDepth, type Stability } from "@/lib/incidents/probe-stability";
import { findActiveWindows, findSilencingWindow } from "@/lib/maintenance/maintenance-windows";
import { applyChange, applyChangesInOneTransaction, openIncidentSelect, type Change, type Hold } from "./apply-changes";
import type { StoredSnapshot } from "./wake-records";
import { wakeThreshold } from "./wake-threshold";

type OpenIncident = Prisma.IncidentGetPayload<{ select: typeof openIncidentSelect }>;

export interface EmitSummary {
  wakes: { probe: string; sessionId: string; opened: boolean }[];
  /** Issues seen but still below the probe's consecutive-failure threshold. */
  held: { probe: string; consecutive: number; threshold: number }[];
  resolved: number;
  failed: { probe: string; error: string }[];
  durationMs: number;
}

/**
 * After a cycle is stored: resolve the incidents of healthy probes, and for each qualifying issue open or
 * continue its incident and write `probe.wake_requested` plus a durable wake, atomically. A quiet cycle
 * costs one read and no write. Failures are logged and reported per probe, never thrown into the cycle.
 */
export async function emitWakes({ db, env, snapshots }: { db: PrismaClient; env: Env; snapshots: StoredSnapshot[] }): Promise<EmitSummary> {
  const started = performance.now();
  const summary: EmitSummary = { wakes: [], held: [], resolved: 0, failed: [], durationMs: 0 };
  const open = await db.incident.findMany({ where: { resolvedAt: null }, select: openIncidentSelect });
  let switches: Awaited<ReturnType<typeof loadEnvelopeSwitches>> | undefined;
  let windows: MaintenanceWindow[] | undefined;
  const openByKey = new Map(open.map((i) => [i.openKey, i]));

  const changes: Change[] = [];
  for (const snapshot of snapshots) {
    try {
      const openHere = open.filter((i) => i.probe === snapshot.probe);
      if (snapshot.status === "healthy") {
        if (openHere.length === 0) continue;
        const stability = judgeStability(env, snapshot.probe, await readRecentStatuses(db, snapshot, stabilityDepth(env, snapshot.probe)));
        for (const incident of openHere) changes.push(healthyChange(incident, snapshot, stability, env.LOOKOUT_FLAP_WINDOW));
        continue;
      }
      const issue = detectIssue(snapshot);
      if (!issue) continue;
      const current = openByKey.get(openKeyOf(issue));
      const threshold = wakeThreshold(env, issue.probe);
      // An open incident continues while its issue persists; a new one must first pass flapping control.
      if (!current && threshold > 1) {
        const consecutive = await countConsecutiveIssues(db, issue.probe, issue.category, threshold);
        if (consecutive < threshold) {
          summary.held.push({ probe: issue.probe, consecutive, threshold });
          continue;
        }
      }
      const stability = judgeStability(env, issue.probe, await readRecentStatuses(db, snapshot, stabilityDepth(env, issue.probe)));
      const flapping = flappingChange(current, stability);
      const flappingAfter = flapping === "start" || (current !== undefined && isFlapping(current) && flapping !== "end");
      windows ??= await findActiveWindows(db, snapshot.observedAt);
      const window = findSilencingWindow(windows, issue.probe, snapshot.observedAt);
      const hold: Hold | null = window ? { maintenanceWindowId: window.id } : current && flappingAfter ? "flapping" : null;
      const escalated = !current && issue.severity === "critical" ? openHere.find((i) => i.severity === "warning") : undefined;
      switches ??= await loadEnvelopeSwitches({ db, env });
      changes.push({
        kind: "wake",
        probe: issue.probe,
        issue,
        snapshot,
        envelopeEnabled: switches[issue.probe],
        open: current,
        hold,
        ...(flapping ? { flapping, flaps: { changes: stability.changes, window: env.LOOKOUT_FLAP_WINDOW } } : {}),
        ...(escalated ? { escalatedFrom: escalated.sessionId } : {}),
      });
    } catch (error) {
      fail(summary, snapshot.probe, error);
    }
  }

  if (changes.length > 0) await apply(db, changes, summary);
  summary.durationMs = Math.round((performance.now() - started) * 100) / 100;
  return summary;
}

const isFlapping = (incident: OpenIncident) => Boolean(incident.flappingSince && !incident.flappingEndedAt);

/** A flapping incident stops once the probe is stable through its recovery threshold; a new one may open flapping. */
function flappingChange(incident: OpenIncident | undefined, stability: Stability): "start" | "end" | undefined {
  const flapping = incident ? isFlapping(incident) : false;
  if (!flapping && stability.flapping && !stability.stable) return "start";
  if (flapping && stability.stable) return "end";
  return undefined;
}

/** A healthy snapshot resolves the incident once the recovery threshold is met, and counts towards it before. */
function healthyChange(incident: OpenIncident, snapshot: StoredSnapshot, stability: Stability, flapWindow: number): Change {
  const probe = snapshot.probe;
  if (stability.healthy >= stability.recoveryThreshold) return { kind: "resolve", probe, incident, snapshot };
  const startsFlapping = !isFlapping(incident) && stability.flapping && !stability.stable;
  return { kind: "recovering", probe, incident, snapshot, healthy: stability.healthy, threshold: stability.recoveryThreshold, ...(startsFlapping ? { flapping: "start" as const, flaps: { changes: stability.changes, window: flapWindow } } : {}) };
}

async function apply(db: PrismaClient, changes: Change[], summary: EmitSummary): Promise<void> {
  try {
    const applied = await applyChangesInOneTransaction(db, changes);
    summary.wakes.push(...applied.wakes);
    summary.resolved += applied.resolved;
    return;
  } catch (error) {
    // Rolled back whole; now change by change, so one failing probe cannot block the others.
    console.warn(`[lookout] the cycle's changes did not apply together (${describeError(error)}); applying them one by one`);
  }
  for (const change of changes) {
    try {
      const applied = await applyChange(db, change);
      summary.wakes.push(...applied.wakes);
      summary.resolved += applied.resolved;
    } catch (error) {
      fail(summary, change.probe, error);
    }
  }
}

function fail(summary: EmitSummary, probe: string, error: unknown): void {
  const message = describeError(error);
  console.error(`[lookout] detection for ${probe} failed; the cycle is stored: ${message}`);
  summary.failed.push({ probe, error: message });
}
