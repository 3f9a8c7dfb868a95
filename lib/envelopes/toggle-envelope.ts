import { z } from "zod";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { db as defaultDb } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getProbe } from "@/lib/probes/registry";
import { probeNameSchema } from "@/lib/probes/types";
import { getEnvelope } from "./envelopes";

export const toggleEnvelopeInput = z.strictObject({
  probe: probeNameSchema,
  enabled: z.boolean(),
  reason: z.string().trim().max(500, "reason must be at most 500 characters").optional(),
});
export type ToggleEnvelopeInput = z.infer<typeof toggleEnvelopeInput>;

export interface ToggleEnvelopeResult {
  probe: string;
  before: boolean;
  after: boolean;
  changed: boolean;
}

/** Switches a probe's envelope on or off and writes `envelope.toggled` in the same transaction. */
export async function toggleEnvelope(
  input: ToggleEnvelopeInput,
  { actor, db = defaultDb, now = new Date() }: { actor: string; db?: PrismaClient; now?: Date },
): Promise<ToggleEnvelopeResult> {
  const { probe, enabled, reason } = toggleEnvelopeInput.parse(input);
  const envelope = getEnvelope(probe);
  if (enabled && envelope.fix === null) {
    throw new UserFacingError(`${getProbe(probe)?.label ?? probe} has no fix envelope, so there is nothing to enable: ${envelope.rationale}`, 422);
  }
  return db.$transaction(async (tx) => {
    const current = await tx.envelopeSetting.findUnique({ where: { probe } });
    const before = current?.enabled ?? false;
    if (before === enabled) return { probe, before, after: enabled, changed: false };
    await tx.envelopeSetting.upsert({
      where: { probe },
      create: { probe, enabled, updatedAt: now, updatedBy: actor },
      update: { enabled, updatedAt: now, updatedBy: actor },
    });
    await writeAuditEvent(tx, {
      seam: "envelope.toggled",
      actor,
      probe,
      at: now,
      details: { probe, fix: envelope.fix, before, after: enabled, reason: reason ?? null },
    });
    return { probe, before, after: enabled, changed: true };
  });
}
