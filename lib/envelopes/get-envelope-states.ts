import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { probes } from "@/lib/probes/registry";
import type { ProbeName } from "@/lib/probes/types";
import { envelopes, type EnvelopeDefinition } from "./envelopes";

export interface EnvelopeState {
  probe: ProbeName;
  label: string;
  envelope: EnvelopeDefinition;
  /** What the operator chose (stored); OFF when never set. */
  enabled: boolean;
  /** What applies right now: enabled, a fix exists and the kill switch is off. */
  effective: boolean;
  killSwitch: boolean;
  lastChangedBy: string | null;
  lastChangedAt: string | null;
}

/** One row per probe for the settings page, in dashboard order. */
export async function getEnvelopeStates({ db = defaultDb, env = getEnv() }: { db?: PrismaClient; env?: Env } = {}): Promise<EnvelopeState[]> {
  const settings = await db.envelopeSetting.findMany();
  const byProbe = new Map(settings.map((s) => [s.probe, s]));
  const killSwitch = env.LOOKOUT_AUTOFIX_KILL_SWITCH;
  return probes.map(({ name, label }) => {
    const setting = byProbe.get(name);
    const envelope = envelopes[name];
    const enabled = envelope.fix !== null && setting?.enabled === true;
    return {
      probe: name,
      label,
      envelope,
      enabled,
      effective: enabled && !killSwitch,
      killSwitch,
      lastChangedBy: setting?.updatedBy ?? null,
      lastChangedAt: setting?.updatedAt.toISOString() ?? null,
    };
  });
}
