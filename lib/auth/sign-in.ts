import { createHash, timingSafeEqual } from "node:crypto";
import { db as defaultDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { burnPasswordCheck, verifyOperatorPassword } from "./operator-password-hash";
import { hashSignInToken } from "./sign-in-token";
import { openOperatorSession, type ActiveSession } from "./operator-sessions";
import { dialectOf } from "@/lib/db/dialect";
import { DatabaseSignInLimiter } from "./database-sign-in-limiter";
import { getSignInLimiter, type FailureLimiter, type SignInLimits } from "./sign-in-limiter";
import { signInMode, type SignInMode } from "./sign-in-mode";

export type SignInResult =
  | { ok: true; session: ActiveSession }
  | { ok: false; reason: "wrong_secret"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

type SignInEnv = Pick<
  Env,
  "LOOKOUT_OPERATOR_NAME" | "LOOKOUT_OPERATOR_PASSWORD" | "LOOKOUT_OPERATORS" | "LOOKOUT_SESSION_HOURS" | "LOOKOUT_SIGNIN_MAX_FAILURES" | "LOOKOUT_SIGNIN_WINDOW_SECONDS"
>;

const refusals: Record<SignInMode, string> = {
  named: "That name and password do not match.",
  password: "That password is not right.",
  token: "That sign-in token is not valid, or it was already used.",
};

interface SignInDeps {
  env?: SignInEnv;
  db?: PrismaClient;
  now?: Date;
  limiter?: FailureLimiter;
}

/** Failures counted where every instance sees them: in the database when several may serve it, else in this process. */
export function signInLimiterFor(db: PrismaClient, limits: SignInLimits): FailureLimiter {
  return dialectOf(db).servesManyInstances ? new DatabaseSignInLimiter(db, limits) : getSignInLimiter(limits);
}

function sameSecret(submitted: string, expected: string): boolean {
  // Equal-length digests, so the comparison takes the same time whatever was typed.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(submitted), digest(expected));
}

/** The operator a name and password belong to, or null. Names are matched without regard to case. */
async function checkPassword(env: SignInEnv, name: string, secret: string): Promise<string | null> {
  if (env.LOOKOUT_OPERATORS.length === 0) return sameSecret(secret, env.LOOKOUT_OPERATOR_PASSWORD ?? "") ? env.LOOKOUT_OPERATOR_NAME : null;
  const wanted = name.trim().toLowerCase();
  const named = env.LOOKOUT_OPERATORS.find((o) => o.name.toLowerCase() === wanted);
  if (named) return (await verifyOperatorPassword(secret, named.hash)) ? named.name : null;
  if (env.LOOKOUT_OPERATOR_PASSWORD && wanted === env.LOOKOUT_OPERATOR_NAME.toLowerCase()) {
    return sameSecret(secret, env.LOOKOUT_OPERATOR_PASSWORD) ? env.LOOKOUT_OPERATOR_NAME : null;
  }
  await burnPasswordCheck(secret);
  return null;
}

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return ms < 60_000 ? `${Math.ceil(ms / 1000)} seconds` : `${m} minute${m === 1 ? "" : "s"}`;
}

/**
 * Checks a submitted password (a named operator's, the one operator's, or without either a one-time
 * token) and opens a session. The submitted secret is never logged or stored; failures are counted per
 * client and refused for the rest of the window once there are too many, even when the next guess
 * would have been right.
 */
export async function signIn({ name = "", secret }: { name?: string; secret: string }, client: string, deps: SignInDeps = {}): Promise<SignInResult> {
  const env = deps.env ?? getEnv();
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? new Date();
  const windowMs = env.LOOKOUT_SIGNIN_WINDOW_SECONDS * 1000;
  const limiter = deps.limiter ?? signInLimiterFor(db, { maxFailures: env.LOOKOUT_SIGNIN_MAX_FAILURES, windowMs });

  // Counted as a failure before it is checked, so a burst of parallel guesses cannot all get past the
  // gate before the first of them is counted; a right one clears the count again.
  const gate = await limiter.admit(client, now.getTime());
  if (!gate.ok) {
    // Logged once when the lockout starts (below), not once per refused attempt of a flood.
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000),
      message: `Too many failed sign-ins. Try again in ${minutes(gate.retryAfterMs)}.`,
    };
  }

  const count = gate.failures;
  const mode = signInMode(env);
  const method = mode === "token" ? "token" : "password";
  const open = (tx: Prisma.TransactionClient, operator: string) =>
    openOperatorSession(tx, { operator, client, method, now, hours: env.LOOKOUT_SESSION_HOURS });

  let session: ActiveSession | null;
  if (mode === "token") {
    // Spent in the same transaction that opens the session: a token works exactly once.
    session = await db.$transaction(async (tx) => {
      const spent = await tx.signInToken.updateMany({ where: { tokenHash: hashSignInToken(secret), usedAt: null }, data: { usedAt: now } });
      return spent.count === 1 ? open(tx, env.LOOKOUT_OPERATOR_NAME) : null;
    });
  } else {
    // Checked before the transaction: a password hash takes tens of milliseconds, too long to hold the database.
    const operator = await checkPassword(env, name, secret);
    session = operator ? await db.$transaction((tx) => open(tx, operator)) : null;
  }

  if (!session) {
    console.warn(`[lookout] sign-in from ${client} refused: wrong ${method} (${count} of ${env.LOOKOUT_SIGNIN_MAX_FAILURES} allowed in ${minutes(windowMs)})`);
    if (count === env.LOOKOUT_SIGNIN_MAX_FAILURES) console.warn(`[lookout] sign-in from ${client} locked for up to ${minutes(windowMs)}: too many failed attempts`);
    return { ok: false, reason: "wrong_secret", message: refusals[mode] };
  }
  await limiter.clear(client);
  console.log(`[lookout] ${session.operator} signed in from ${client}`);
  return { ok: true, session };
}

/** A client address fit for a log line and a map key: whatever the forwarded header claimed, trimmed to address characters. */
export function clientAddress(forwardedFor: string | null): string {
  const first = (forwardedFor ?? "").split(",")[0]!.trim();
  const clean = first.replace(/[^0-9A-Za-z:.[\]-]/g, "").slice(0, 64);
  return clean || "unknown";
}
