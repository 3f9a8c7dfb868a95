import { createHash, timingSafeEqual } from "node:crypto";
import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashSignInToken } from "./sign-in-token";
import { openOperatorSession, type ActiveSession } from "./operator-sessions";
import { getSignInLimiter, type SignInLimiter } from "./sign-in-limiter";

export type SignInResult =
  | { ok: true; session: ActiveSession }
  | { ok: false; reason: "wrong_secret"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

type SignInEnv = Pick<Env, "LOOKOUT_OPERATOR_NAME" | "LOOKOUT_OPERATOR_PASSWORD" | "LOOKOUT_SESSION_HOURS" | "LOOKOUT_SIGNIN_MAX_FAILURES" | "LOOKOUT_SIGNIN_WINDOW_SECONDS">;

interface SignInDeps {
  env?: SignInEnv;
  db?: PrismaClient;
  now?: Date;
  limiter?: SignInLimiter;
}

function sameSecret(submitted: string, expected: string): boolean {
  // Equal-length digests, so the comparison takes the same time whatever was typed.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(submitted), digest(expected));
}

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return ms < 60_000 ? `${Math.ceil(ms / 1000)} seconds` : `${m} minute${m === 1 ? "" : "s"}`;
}

/**
 * Checks a submitted password (or, without one configured, a one-time token) and opens a session.
 * The submitted secret is never logged or stored; failures are counted per client and refused for the
 * rest of the window once there are too many, even when the next guess would have been right.
 */
export async function signIn(secret: string, client: string, deps: SignInDeps = {}): Promise<SignInResult> {
  const env = deps.env ?? getEnv();
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? new Date();
  const windowMs = env.LOOKOUT_SIGNIN_WINDOW_SECONDS * 1000;
  const limiter = deps.limiter ?? getSignInLimiter({ maxFailures: env.LOOKOUT_SIGNIN_MAX_FAILURES, windowMs });

  const gate = limiter.check(client, now.getTime());
  if (!gate.ok) {
    // Logged once when the lockout starts (below), not once per refused attempt of a flood.
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000),
      message: `Too many failed sign-ins. Try again in ${minutes(gate.retryAfterMs)}.`,
    };
  }

  // Counted as a failure before it is checked, so a burst of parallel guesses cannot all get past the
  // gate before the first of them is counted; a right one clears the count again.
  const count = limiter.recordFailure(client, now.getTime());
  const method = env.LOOKOUT_OPERATOR_PASSWORD ? "password" : "token";
  const session = await db.$transaction(async (tx) => {
    if (env.LOOKOUT_OPERATOR_PASSWORD) {
      if (!sameSecret(secret, env.LOOKOUT_OPERATOR_PASSWORD)) return null;
    } else {
      // Spent in the same transaction that opens the session: a token works exactly once.
      const spent = await tx.signInToken.updateMany({ where: { tokenHash: hashSignInToken(secret), usedAt: null }, data: { usedAt: now } });
      if (spent.count !== 1) return null;
    }
    return openOperatorSession(tx, { operator: env.LOOKOUT_OPERATOR_NAME, client, method, now, hours: env.LOOKOUT_SESSION_HOURS });
  });

  if (!session) {
    console.warn(`[lookout] sign-in from ${client} refused: wrong ${method} (${count} of ${env.LOOKOUT_SIGNIN_MAX_FAILURES} allowed in ${minutes(windowMs)})`);
    if (count === env.LOOKOUT_SIGNIN_MAX_FAILURES) console.warn(`[lookout] sign-in from ${client} locked for up to ${minutes(windowMs)}: too many failed attempts`);
    const message = method === "password" ? "That password is not right." : "That sign-in token is not valid, or it was already used.";
    return { ok: false, reason: "wrong_secret", message };
  }
  limiter.clear(client);
  console.log(`[lookout] ${session.operator} signed in from ${client}`);
  return { ok: true, session };
}

/** A client address fit for a log line and a map key: whatever the forwarded header claimed, trimmed to address characters. */
export function clientAddress(forwardedFor: string | null): string {
  const first = (forwardedFor ?? "").split(",")[0]!.trim();
  const clean = first.replace(/[^0-9A-Za-z:.[\]-]/g, "").slice(0, 64);
  return clean || "unknown";
}
