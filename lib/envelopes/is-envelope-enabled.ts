import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { probeNames, type ProbeName } from "@/lib/probes/types";
import { getEnvelope } from "./envelopes";

type Reader = PrismaClient | Prisma.TransactionClient;

/** The rule itself: a fix exists AND the operator enabled it AND the kill switch is off. */
function envelopeIsOn(probe: ProbeName, storedEnabled: boolean | undefined, env: Env): boolean {
  return !env.LOOKOUT_AUTOFIX_KILL_SWITCH && getEnvelope(probe)?.fix != null && storedEnabled === true;
}

/** Whether Lookout may attempt this probe's fix right now. Fails closed: no row or any doubt reads as OFF. */
export async function isEnvelopeEnabled(probe: ProbeName, { db = defaultDb, env = getEnv() }: { db?: Reader; env?: Env } = {}): Promise<boolean> {
  if (env.LOOKOUT_AUTOFIX_KILL_SWITCH) return false;
  const setting = await db.envelopeSetting.findUnique({ where: { probe }, select: { enabled: true } });
  return envelopeIsOn(probe, setting?.enabled, env);
}

/** Every probe's switch in one read, for a cycle that needs several. */
export async function loadEnvelopeSwitches({ db = defaultDb, env = getEnv() }: { db?: Reader; env?: Env } = {}): Promise<Record<ProbeName, boolean>> {
  const settings = await db.envelopeSetting.findMany({ select: { probe: true, enabled: true } });
  const stored = new Map(settings.map((s) => [s.probe, s.enabled]));
  return Object.fromEntries(probeNames.map((p) => [p, envelopeIsOn(p, stored.get(p), env)])) as Record<ProbeName, boolean>;
}
