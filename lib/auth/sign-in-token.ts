import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Only a token's SHA-256 is stored: it is 256 random bits, so a slow hash would add nothing. */
export function hashSignInToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh one-time token; any older unused token stops working. Returns the token itself, to print once. */
export async function issueSignInToken(db: PrismaClient, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.signInToken.updateMany({ where: { usedAt: null }, data: { usedAt: now } }),
    db.signInToken.create({ data: { tokenHash: hashSignInToken(token), createdAt: now } }),
  ]);
  return token;
}

/**
 * At start-up without LOOKOUT_OPERATOR_PASSWORD: the very first start issues a token and prints it
 * with the sign-in URL; every later start only says how to get a new one. The token is never printed again.
 */
export async function announceSignIn(db: PrismaClient, { publicUrl, hasPassword }: { publicUrl: string; hasPassword: boolean }): Promise<void> {
  if (hasPassword) return;
  const signInUrl = `${publicUrl}/sign-in`;
  if ((await db.signInToken.count()) > 0) {
    console.log(
      `[lookout] sign-in: LOOKOUT_OPERATOR_PASSWORD is not set; use the one-time token printed at first start, ` +
        `or run \`npm run sign-in-token\` for a new one (${signInUrl})`,
    );
    return;
  }
  const token = await issueSignInToken(db);
  console.log(
    [
      "[lookout] LOOKOUT_OPERATOR_PASSWORD is not set. Sign in once with this one-time token; it is not shown again:",
      `[lookout]     ${signInUrl}`,
      `[lookout]     token: ${token}`,
      "[lookout] Set LOOKOUT_OPERATOR_PASSWORD to sign in with a password instead; `npm run sign-in-token` issues a new token.",
    ].join("\n"),
  );
}
