import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Runs one cycle (the simulator should already show a failing machine) and returns the unhealthy machine the fly snapshot reported. */
export async function cycleAndFindUnhealthyMachine(db: PrismaClient, env: Env): Promise<{ app: string; machineId: string; sessionId: string }> {
  const result = await runProbeCycle({ trigger: "manual", env, db });
  if (!result.ok) throw new Error(result.message);
  const wake = await db.wake.findFirstOrThrow({ where: { probe: "fly" }, orderBy: { createdAt: "desc" } });
  const snapshot = await db.probeSnapshot.findUniqueOrThrow({ where: { id: wake.snapshotId } });
  const apps = JSON.parse(snapshot.details).apps as { app: string; unhealthy: { id: string }[] }[];
  const app = apps.find((a) => a.unhealthy.length > 0)!;
  return { app: app.app, machineId: app.unhealthy[0]!.id, sessionId: wake.sessionId };
}
