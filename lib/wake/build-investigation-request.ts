import type { Env } from "@/lib/env";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import { isEnvelopeEnabled } from "@/lib/envelopes/is-envelope-enabled";
import type { PrismaClient, Wake } from "@/lib/generated/prisma/client";
import type { InvestigationRequest } from "@/lib/investigate/types";
import { parseStoredDetails } from "@/lib/probes/stored-details";
import { probeNameSchema } from "@/lib/probes/types";

/** What the investigator is told about one wake: its incident, the snapshot that raised it, the envelope now. */
export async function buildInvestigationRequest(db: PrismaClient, env: Env, wake: Wake): Promise<InvestigationRequest> {
  const probe = probeNameSchema.parse(wake.probe);
  const [incident, snapshot, envelopeEnabled] = await Promise.all([
    db.incident.findUniqueOrThrow({ where: { id: wake.incidentId }, select: { title: true, detail: true } }),
    db.probeSnapshot.findUnique({ where: { id: wake.snapshotId }, select: { id: true, status: true, details: true, error: true, observedAt: true } }),
    // Read at investigation time: turning the envelope off after the wake was written must take effect.
    isEnvelopeEnabled(probe, { db, env }),
  ]);
  const envelope = getEnvelope(probe);
  return {
    wakeId: wake.id,
    sessionId: wake.sessionId,
    probe,
    category: wake.category,
    severity: wake.severity === "critical" ? "critical" : "warning",
    title: incident.title,
    detail: incident.detail,
    snapshot: snapshot
      ? { id: snapshot.id, status: snapshot.status, details: parseStoredDetails(snapshot.details), error: snapshot.error, observedAt: snapshot.observedAt.toISOString() }
      : { id: wake.snapshotId, status: "unknown", details: null, error: "the snapshot of this wake is no longer stored", observedAt: wake.createdAt.toISOString() },
    envelope: { enabled: envelopeEnabled, fix: envelope.fix, does: envelope.does, outOfEnvelope: envelope.outOfEnvelope },
  };
}
