import { randomBytes } from "node:crypto";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

const SESSION_ROWS_KEPT_MS = 30 * 24 * 3_600_000;

export interface ActiveSession {
  id: string;
  operator: string;
  expiresAt: Date;
}

/** Opens a session row and its `operator.signed_in` audit row inside the caller's transaction. */
export async function openOperatorSession(
  tx: Prisma.TransactionClient,
  { operator, client, method, now, hours }: { operator: string; client: string; method: "password" | "token"; now: Date; hours: number },
): Promise<ActiveSession> {
  const session = { id: randomBytes(24).toString("base64url"), operator, expiresAt: new Date(now.getTime() + hours * 3_600_000) };
  await tx.operatorSession.create({ data: { ...session, createdAt: now } });
  // Rows of sessions long over are of no further use: each sign-in sweeps them.
  await tx.operatorSession.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - SESSION_ROWS_KEPT_MS) } } });
  await writeAuditEvent(tx, { seam: "operator.signed_in", actor: operator, at: now, details: { client, method, expires_at: session.expiresAt.toISOString() } });
  return session;
}

/** The session if it exists, belongs to this operator, is not revoked and has not expired. */
export async function findActiveSession(db: PrismaClient, id: string, operator: string, now = new Date()): Promise<ActiveSession | null> {
  const row = await db.operatorSession.findUnique({ where: { id }, select: { id: true, operator: true, expiresAt: true, revokedAt: true } });
  if (!row || row.revokedAt || row.operator !== operator || row.expiresAt <= now) return null;
  return { id: row.id, operator: row.operator, expiresAt: row.expiresAt };
}

/** Sign-out: the session stops working everywhere at once, even where its cookie was copied. */
export async function revokeOperatorSession(db: PrismaClient, session: ActiveSession, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.operatorSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 1) await writeAuditEvent(tx, { seam: "operator.signed_out", actor: session.operator, at: now, details: {} });
  });
}
