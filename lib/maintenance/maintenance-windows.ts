import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { databaseNow } from "@/lib/db/dialect";
import type { MaintenanceWindow, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeName } from "@/lib/probes/types";
import { UserFacingError } from "@/lib/errors";
import { createMaintenanceInput, type CreateMaintenanceInput } from "./maintenance-input";

const MAX_LEAD_MS = 30 * 86_400_000;

/** Whether a window silences this probe at this moment. */
export function silences(window: Pick<MaintenanceWindow, "probe" | "startsAt" | "endsAt" | "endedAt">, probe: string, at: Date): boolean {
  const end = window.endedAt && window.endedAt < window.endsAt ? window.endedAt : window.endsAt;
  return (window.probe === null || window.probe === probe) && window.startsAt <= at && at < end;
}

const scopeOf = (window: Pick<MaintenanceWindow, "probe">) => window.probe ?? "all";

function windowDetails(window: MaintenanceWindow) {
  return { window_id: window.id, scope: scopeOf(window), reason: window.reason, starts_at: window.startsAt.toISOString(), ends_at: window.endsAt.toISOString() };
}

/** Opens a window (now or later) and writes `maintenance.created` with it. */
export async function createMaintenanceWindow(db: PrismaClient, input: CreateMaintenanceInput, actor: string, now?: Date): Promise<MaintenanceWindow> {
  const parsed = createMaintenanceInput.parse(input);
  return db.$transaction((tx) => createMaintenanceWindowIn(tx, parsed, actor, now));
}

/** The same, inside the caller's transaction (a Slack interaction commits its dedupe row with it). */
export async function createMaintenanceWindowIn(tx: Prisma.TransactionClient, input: CreateMaintenanceInput, actor: string, now?: Date): Promise<MaintenanceWindow> {
  const parsed = createMaintenanceInput.parse(input);
  const at = now ?? (await databaseNow(tx));
  const startsAt = parsed.startsAt && parsed.startsAt > at ? parsed.startsAt : at;
  if (startsAt.getTime() - at.getTime() > MAX_LEAD_MS) throw new UserFacingError("A window can be scheduled at most 30 days ahead.");
  const window = await tx.maintenanceWindow.create({
    data: {
      probe: parsed.scope === "all" ? null : parsed.scope,
      reason: parsed.reason,
      startsAt,
      endsAt: new Date(startsAt.getTime() + parsed.durationMinutes * 60_000),
      createdBy: actor,
      createdAt: at,
    },
  });
  await writeAuditEvent(tx, { seam: "maintenance.created", actor, probe: window.probe as ProbeName | null, at, details: { ...windowDetails(window), by: actor } });
  return window;
}

/** Ends a window now (a scheduled one is cancelled); false when it had already ended. Writes `maintenance.ended` once. */
export async function endMaintenanceWindow(db: PrismaClient, id: string, actor: string, now?: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const at = now ?? (await databaseNow(tx));
    const window = await tx.maintenanceWindow.findUnique({ where: { id } });
    if (!window) throw new UserFacingError("That maintenance window does not exist.");
    const endedAt = window.endsAt < at ? window.endsAt : at;
    const { count } = await tx.maintenanceWindow.updateMany({ where: { id, endedAt: null }, data: { endedAt, endedBy: actor } });
    if (count === 0) return false;
    await writeAuditEvent(tx, { seam: "maintenance.ended", actor, probe: window.probe as ProbeName | null, at, details: { ...windowDetails(window), by: actor, ended_at: endedAt.toISOString(), early: endedAt < window.endsAt } });
    return true;
  });
}

/**
 * Closes the windows whose end has passed, each with its `maintenance.ended` row (once, whichever process
 * sees it first). Run by every consumer pass: one indexed read when there is nothing to close.
 */
export async function closeEndedWindows(db: PrismaClient, now: Date): Promise<number> {
  const over = await db.maintenanceWindow.findMany({ where: { endedAt: null, endsAt: { lte: now } } });
  for (const window of over) await closeExpired(db, window);
  return over.length;
}

async function closeExpired(db: PrismaClient, window: MaintenanceWindow): Promise<void> {
  await db.$transaction(async (tx: Prisma.TransactionClient) => {
    const { count } = await tx.maintenanceWindow.updateMany({ where: { id: window.id, endedAt: null }, data: { endedAt: window.endsAt, endedBy: "lookout" } });
    if (count === 0) return;
    await writeAuditEvent(tx, { seam: "maintenance.ended", actor: "lookout", probe: window.probe as ProbeName | null, at: window.endsAt, details: { ...windowDetails(window), by: "lookout", ended_at: window.endsAt.toISOString(), early: false } });
  });
}

/**
 * Windows silencing something at this moment, the one lasting longest first (so "silenced until" names the
 * latest end). A read only: pages, the cycle and the DM call it; ended windows are closed by the consumer.
 */
export function findActiveWindows(db: PrismaClient, now: Date): Promise<MaintenanceWindow[]> {
  return db.maintenanceWindow.findMany({ where: { endedAt: null, startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "desc" } });
}

/** The window silencing this probe now, if any. */
export function findSilencingWindow(windows: MaintenanceWindow[], probe: string, at: Date): MaintenanceWindow | undefined {
  return windows.find((w) => silences(w, probe, at));
}

/** For Settings: windows active or scheduled, then the last ones ended (newest first). */
export async function listMaintenanceWindows(db: PrismaClient, now: Date, { endedLimit = 10 } = {}) {
  const [current, ended] = await Promise.all([
    db.maintenanceWindow.findMany({ where: { endedAt: null, endsAt: { gt: now } }, orderBy: { startsAt: "asc" } }),
    db.maintenanceWindow.findMany({ where: { OR: [{ endedAt: { not: null } }, { endsAt: { lte: now } }] }, orderBy: { endsAt: "desc" }, take: endedLimit }),
  ]);
  return { current, ended };
}
