import { countConsecutiveIssues } from "@/lib/detect/count-consecutive-issues";
import { detectIssue } from "@/lib/detect/detect-issue";
import { describeError } from "@/lib/describe-error";
import type { Env } from "@/lib/env";
import { loadEnvelopeSwitches } from "@/lib/envelopes/is-envelope-enabled";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openKeyOf } from "@/lib/incidents/open-or-continue-incident";
import { applyChange, applyChangesInOneTransaction, type Change } from "./apply-changes";
import type { StoredSnapshot } from "./wake-records";
import { wakeThreshold } from "./wake-threshold";

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
  const open = await db.incident.findMany({
    where: { resolvedAt: null },
    select: { id: true, sessionId: true, probe: true, category: true, severity: true, title: true, openedAt: true, issueCount: true, openKey: true },
  });
  let switches: Awaited<ReturnType<typeof loadEnvelopeSwitches>> | undefined;
  const openByKey = new Map(open.map((i) => [i.openKey, i]));

  const changes: Change[] = [];
  for (const snapshot of snapshots) {
    try {
      if (snapshot.status === "healthy") {
        for (const incident of open.filter((i) => i.probe === snapshot.probe)) changes.push({ kind: "resolve", probe: snapshot.probe, incident, snapshot });
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
      switches ??= await loadEnvelopeSwitches({ db, env });
      changes.push({ kind: "wake", probe: issue.probe, issue, snapshot, envelopeEnabled: switches[issue.probe], open: current });
    } catch (error) {
      fail(summary, snapshot.probe, error);
    }
  }

  if (changes.length > 0) await apply(db, changes, summary);
  summary.durationMs = Math.round((performance.now() - started) * 100) / 100;
  return summary;
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
