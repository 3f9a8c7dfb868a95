import { z } from "zod";

// Every seam Lookout writes to the audit log. The audit page's filter chips enumerate this table.
export const auditSeams = {
  "probe.wake_requested": "Wake requested",
  "probe.incident_resolved": "Incident resolved",
  "incident.acknowledged": "Incident acknowledged",
  "incident.escalated": "Incident escalated",
  "incident.flapping_started": "Flapping started",
  "incident.flapping_ended": "Flapping ended",
  "incident.recovering": "Recovery progress",
  "maintenance.created": "Maintenance created",
  "maintenance.ended": "Maintenance ended",
  "envelope.toggled": "Envelope toggled",
  "tool.probe_autofix_attempted": "Autofix attempted",
  "probe.investigation_completed": "Investigation completed",
  "slack.dm_delivery": "Slack DM delivery",
  "operator.signed_in": "Signed in",
  "operator.signed_out": "Signed out",
} as const;

export const auditSeamSchema = z.enum(Object.keys(auditSeams) as [keyof typeof auditSeams, ...(keyof typeof auditSeams)[]]);
export type AuditSeam = z.infer<typeof auditSeamSchema>;
