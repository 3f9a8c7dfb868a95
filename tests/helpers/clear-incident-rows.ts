import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Empties what incidents leave behind (DMs, investigations, wakes, incidents, windows), children first. */
export async function clearIncidentRows(db: PrismaClient): Promise<void> {
  await db.dmMessage.deleteMany();
  await db.investigation.deleteMany();
  await db.wake.deleteMany();
  await db.incident.deleteMany();
  await db.maintenanceWindow.deleteMany();
  await db.slackInteraction.deleteMany();
}
