import { randomUUID } from "node:crypto";
import type { AuditSeam } from "@/lib/audit/seams";
import type { AuditEventInput } from "@/lib/audit/write-audit-event";
import type { Issue } from "@/lib/detect/detect-issue";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import type { ProbeName, ProbeSnapshot } from "@/lib/probes/types";

export interface StoredSnapshot extends Pick<ProbeSnapshot, "probe" | "status" | "details" | "error" | "observedAt"> {
  id: string;
}

export interface IncidentRef {
  id: string;
  sessionId: string;
  opened: boolean;
}

export interface OpenIncidentRow {
  id: string;
  sessionId: string;
  probe: string;
  category: string;
  severity: string;
  title: string;
  openedAt: Date;
  issueCount: number;
  flappingSince?: Date | null;
  flappingEndedAt?: Date | null;
  maintenanceWindowId?: string | null;
}

// The rows a wake and a resolution write, built in one place for the batched and the one-by-one paths.

/** Wake ids are chosen before the insert so the `probe.wake_requested` row can name its wake. */
export function newWakeId(): string {
  return randomUUID();
}

export function wakeRequestedEvent(wakeId: string, issue: Issue, snapshot: StoredSnapshot, incident: IncidentRef, envelopeEnabled: boolean): AuditEventInput {
  return {
    seam: "probe.wake_requested",
    actor: "lookout",
    sessionId: incident.sessionId,
    probe: issue.probe,
    at: snapshot.observedAt,
    details: {
      probe: issue.probe,
      severity: issue.severity,
      category: issue.category,
      title: issue.title,
      detail: issue.detail,
      wake_id: wakeId,
      snapshot_id: snapshot.id,
      snapshot_details: snapshot.details,
      envelope_enabled: envelopeEnabled,
      envelope_fix_name: getEnvelope(issue.probe).fix,
      incident_opened: incident.opened,
    },
  };
}

export function wakeRow(wakeId: string, issue: Issue, snapshot: StoredSnapshot, incident: IncidentRef) {
  return {
    id: wakeId,
    incidentId: incident.id,
    sessionId: incident.sessionId,
    probe: issue.probe,
    category: issue.category,
    severity: issue.severity,
    snapshotId: snapshot.id,
    status: "pending",
    nextAttemptAt: snapshot.observedAt,
    createdAt: snapshot.observedAt,
  };
}

export function incidentResolvedEvent(incident: OpenIncidentRow, snapshotId: string, now: Date): AuditEventInput {
  return {
    seam: "probe.incident_resolved",
    actor: "lookout",
    sessionId: incident.sessionId,
    probe: incident.probe as ProbeName,
    at: now,
    details: {
      probe: incident.probe,
      category: incident.category,
      severity: incident.severity,
      title: incident.title,
      opened_at: incident.openedAt.toISOString(),
      duration_s: Math.round((now.getTime() - incident.openedAt.getTime()) / 1000),
      // The healthy snapshot is not an issue, so the count stays what the incident saw.
      issue_count: incident.issueCount,
      healthy_snapshot_id: snapshotId,
    },
  };
}

/** A lifecycle row about one incident (escalated, flapping, recovering), on its timeline by session id. */
export function incidentEvent(seam: AuditSeam, incident: Pick<OpenIncidentRow, "sessionId" | "probe" | "category" | "severity" | "title">, at: Date, details: Record<string, unknown>): AuditEventInput {
  return {
    seam,
    actor: "lookout",
    sessionId: incident.sessionId,
    probe: incident.probe as ProbeName,
    at,
    details: { probe: incident.probe, category: incident.category, severity: incident.severity, title: incident.title, ...details },
  };
}
