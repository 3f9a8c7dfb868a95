import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { operatorFromToken } from "@/lib/auth/current-operator";
import { findActiveSession } from "@/lib/auth/operator-sessions";
import { getSessionKey } from "@/lib/auth/session-key";
import { signSessionToken, verifySessionToken } from "@/lib/auth/session-token";
import { announceSignIn, issueSignInToken } from "@/lib/auth/sign-in-token";
import { SignInLimiter } from "@/lib/auth/sign-in-limiter";
import { signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { getEnv, parseEnv } from "@/lib/env";

// The process's own configuration names the operator maya, as the sessions below do.
vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_NAME = "maya";
});

const PASSWORD = "correct-horse-battery-staple-41";
const withPassword = parseEnv({ LOOKOUT_OPERATOR_PASSWORD: PASSWORD, LOOKOUT_OPERATOR_NAME: "maya" });
const withoutPassword = parseEnv({});
const limits = { maxFailures: withPassword.LOOKOUT_SIGNIN_MAX_FAILURES, windowMs: withPassword.LOOKOUT_SIGNIN_WINDOW_SECONDS * 1000 };

let logged: string[];
beforeEach(() => {
  logged = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterEach(() => vi.restoreAllMocks());

async function counts() {
  const [sessions, audit, tokens] = await Promise.all([db.operatorSession.count(), db.auditEvent.count(), db.signInToken.count()]);
  return { sessions, audit, tokens };
}

describe("password sign-in", () => {
  it("opens a session for the configured operator and audits it under that name", async () => {
    const before = await counts();
    const result = await signIn({ secret: PASSWORD }, "203.0.113.9", { env: withPassword, limiter: new SignInLimiter(limits) });
    if (!result.ok) throw new Error(result.message);
    expect(result.session.operator).toBe("maya");
    expect(await findActiveSession(db, result.session.id, "maya")).not.toBeNull();
    expect(await counts()).toEqual({ ...before, sessions: before.sessions + 1, audit: before.audit + 1 });
    const row = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(row).toMatchObject({ seam: "operator.signed_in", actor: "maya" });
    expect(JSON.parse(row.details)).toMatchObject({ client: "203.0.113.9", method: "password" });
    expect(logged.join("\n")).not.toContain(PASSWORD);
  });

  it("refuses a wrong password, writes nothing and logs the attempt without what was typed", async () => {
    const before = await counts();
    const typed = "my-guess-is-hunter2-and-more";
    const result = await signIn({ secret: typed }, "203.0.113.10", { env: withPassword, limiter: new SignInLimiter(limits) });
    expect(result).toMatchObject({ ok: false, reason: "wrong_secret", message: "That password is not right." });
    expect(await counts()).toEqual(before);
    expect(logged.some((line) => line.includes("sign-in from 203.0.113.10 refused: wrong password"))).toBe(true);
    expect(logged.join("\n")).not.toContain(typed);
    expect(logged.join("\n")).not.toContain(PASSWORD);
  });

  it("rate-limits 50 rapid wrong sign-ins per client; the right password works again after the window", async () => {
    const limiter = new SignInLimiter(limits);
    const start = new Date("2026-11-25T12:00:00Z");
    const outcomes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const result = await signIn({ secret: `wrong-${i}` }, "198.51.100.7", { env: withPassword, limiter, now: new Date(start.getTime() + i * 100) });
      outcomes.push(result.ok ? "ok" : result.reason);
    }
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill("wrong_secret"));
    expect(outcomes.slice(10)).toEqual(Array(40).fill("rate_limited"));

    // Still inside the window: the right password is refused too, and says when to come back.
    const locked = await signIn({ secret: PASSWORD }, "198.51.100.7", { env: withPassword, limiter, now: new Date(start.getTime() + 10_000) });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited", message: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/) });
    // Another client is not locked out by this one.
    expect((await signIn({ secret: PASSWORD }, "192.0.2.1", { env: withPassword, limiter, now: new Date(start.getTime() + 10_000) })).ok).toBe(true);

    const afterWindow = new Date(start.getTime() + limits.windowMs + 1_000);
    expect((await signIn({ secret: PASSWORD }, "198.51.100.7", { env: withPassword, limiter, now: afterWindow })).ok).toBe(true);
    // The lockout was logged once, not once per refused attempt.
    expect(logged.filter((line) => line.includes("locked for up to"))).toHaveLength(1);
  });

  it("says exactly how long a lockout lasts, and logs each refusal against the limit without the guess", async () => {
    const limiter = new SignInLimiter(limits);
    const start = new Date("2026-11-25T14:00:00Z");
    for (let i = 0; i < limits.maxFailures; i++) await signIn({ secret: `wrong-${i}` }, "198.51.100.9", { env: withPassword, limiter, now: start });
    expect(logged).toContain("[lookout] sign-in from 198.51.100.9 refused: wrong password (1 of 10 allowed in 15 minutes)");
    expect(logged).toContain("[lookout] sign-in from 198.51.100.9 refused: wrong password (10 of 10 allowed in 15 minutes)");
    expect(logged).toContain("[lookout] sign-in from 198.51.100.9 locked for up to 15 minutes: too many failed attempts");
    expect(logged.filter((line) => line.includes("locked for up to"))).toHaveLength(1);

    const attemptAt = (msBeforeEnd: number) => signIn({ secret: PASSWORD }, "198.51.100.9", { env: withPassword, limiter, now: new Date(start.getTime() + limits.windowMs - msBeforeEnd) });
    const lockout = (retryAfterSeconds: number, words: string) => ({ ok: false, reason: "rate_limited", retryAfterSeconds, message: `Too many failed sign-ins. Try again in ${words}.` });
    expect(await attemptAt(limits.windowMs - 10_000)).toEqual(lockout(890, "15 minutes"));
    expect(await attemptAt(61_000)).toEqual(lockout(61, "2 minutes"));
    expect(await attemptAt(60_000)).toEqual(lockout(60, "1 minute"));
    expect(await attemptAt(59_500)).toEqual(lockout(60, "60 seconds"));
    expect(await attemptAt(30_000)).toEqual(lockout(30, "30 seconds"));
    expect((await attemptAt(0)).ok).toBe(true);
    expect(logged).toContain("[lookout] maya signed in from 198.51.100.9");
  });

  it("counts a burst of parallel guesses before any of them is checked", async () => {
    const limiter = new SignInLimiter(limits);
    const now = new Date("2026-11-25T12:30:00Z");
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn({ secret: `parallel-${i}` }, "198.51.100.8", { env: withPassword, limiter, now })));
    expect(outcomes.filter((r) => !r.ok && r.reason === "wrong_secret")).toHaveLength(limits.maxFailures);
    expect(outcomes.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(50 - limits.maxFailures);
  });

  it("stops a guesser who forges a new address for every try, across all clients", async () => {
    const limiter = new SignInLimiter(limits);
    const now = new Date("2026-11-25T13:00:00Z");
    const outcomes = [];
    for (let i = 0; i < 120; i++) outcomes.push(await signIn({ secret: `guess-${i}` }, `10.0.${Math.floor(i / 250)}.${i % 250}`, { env: withPassword, limiter, now }));
    expect(outcomes.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(120 - limits.maxFailures * 10);
  });
});

describe("one-time sign-in token (no password configured)", () => {
  it("is printed once at first start, never again, and works exactly once", async () => {
    const publicUrl = "http://localhost:3000";
    await announceSignIn(db, { publicUrl, hasPassword: false });
    const first = logged.join("\n");
    const token = /token: (\S+)/.exec(first)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).toBe(
      [
        "[lookout] LOOKOUT_OPERATOR_PASSWORD is not set. Sign in once with this one-time token; it is not shown again:",
        `[lookout]     ${publicUrl}/sign-in`,
        `[lookout]     token: ${token}`,
        "[lookout] Set LOOKOUT_OPERATOR_PASSWORD to sign in with a password instead; `npm run sign-in-token` issues a new token.",
      ].join("\n"),
    );
    // Only its hash is stored.
    expect(JSON.stringify(await db.signInToken.findMany())).not.toContain(token!);

    logged.length = 0;
    await announceSignIn(db, { publicUrl, hasPassword: false });
    expect(logged).toEqual([
      `[lookout] sign-in: LOOKOUT_OPERATOR_PASSWORD is not set; use the one-time token printed at first start, or run \`npm run sign-in-token\` for a new one (${publicUrl}/sign-in)`,
    ]);

    // With a password configured nothing is said and no token is issued.
    logged.length = 0;
    const tokens = await db.signInToken.count();
    await announceSignIn(db, { publicUrl, hasPassword: true });
    expect(logged).toEqual([]);
    expect(await db.signInToken.count()).toBe(tokens);

    logged.length = 0;
    const limiter = new SignInLimiter(limits);
    const firstUse = await signIn({ secret: token! }, "127.0.0.1", { env: withoutPassword, limiter });
    expect(firstUse.ok).toBe(true);
    const signedIn = await db.auditEvent.findFirstOrThrow({ where: { seam: "operator.signed_in" }, orderBy: { id: "desc" } });
    expect(JSON.parse(signedIn.details)).toMatchObject({ method: "token" });
    const secondUse = await signIn({ secret: token! }, "127.0.0.1", { env: withoutPassword, limiter });
    expect(secondUse).toMatchObject({ ok: false, message: "That sign-in token is not valid, or it was already used." });
    // Neither the sign-in nor the refused reuse logs the token.
    expect(logged.join("\n")).not.toContain(token!);
  });

  it("a new token from `npm run sign-in-token` replaces an unused one; a password turns tokens off", async () => {
    const limiter = new SignInLimiter(limits);
    const spentAt = new Date("2026-11-01T00:00:00.000Z");
    const spent = await issueSignInToken(db, spentAt);
    await issueSignInToken(db, spentAt);
    const old = await issueSignInToken(db);
    const spentRows = await db.signInToken.findMany({ where: { createdAt: spentAt } });
    const fresh = await issueSignInToken(db);
    // Issuing stops every unused token and leaves the time an already used one was spent as it was.
    expect(await db.signInToken.findMany({ where: { createdAt: spentAt } })).toEqual(spentRows);
    expect(await db.signInToken.count({ where: { usedAt: null } })).toBe(1);
    expect((await signIn({ secret: spent }, "127.0.0.1", { env: withoutPassword, limiter })).ok).toBe(false);
    expect((await signIn({ secret: old }, "127.0.0.1", { env: withoutPassword, limiter })).ok).toBe(false);
    expect((await signIn({ secret: fresh }, "127.0.0.1", { env: withPassword, limiter })).ok).toBe(false);
    expect((await signIn({ secret: fresh }, "127.0.0.1", { env: withoutPassword, limiter })).ok).toBe(true);
  });
});

describe("session cookie", () => {
  it("is verified by signature, expiry and its session row", async () => {
    const result = await signIn({ secret: PASSWORD }, "127.0.0.1", { env: withPassword, limiter: new SignInLimiter(limits) });
    if (!result.ok) throw new Error(result.message);
    const key = getSessionKey(getEnv());
    const token = await signSessionToken(result.session, key);
    expect(await operatorFromToken(token)).toMatchObject({ operator: "maya" });

    // Tampered payload, other key, a different operator name for the same session: all refused.
    const [header, , signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ operator: "root", sub: result.session.id, exp: 4102444800, iss: "lookout", aud: "lookout-operator" })).toString("base64url");
    expect(await verifySessionToken(`${header}.${forgedPayload}.${signature}`, key)).toBeNull();
    expect(await verifySessionToken(token, new TextEncoder().encode("another-key-another-key-another-key!"))).toBeNull();
    const renamed = await signSessionToken({ ...result.session, operator: "root" }, key);
    expect(await operatorFromToken(renamed)).toBeNull();
    const expired = await signSessionToken({ ...result.session, expiresAt: new Date(Date.now() - 1000) }, key);
    expect(await operatorFromToken(expired)).toBeNull();

    // A live, validly signed session of someone the configuration no longer names.
    const former = await signIn({ secret: PASSWORD }, "127.0.0.1", { env: { ...withPassword, LOOKOUT_OPERATOR_NAME: "former" }, limiter: new SignInLimiter(limits) });
    if (!former.ok) throw new Error(former.message);
    const formerToken = await signSessionToken(former.session, key);
    expect(await operatorFromToken(formerToken)).toBeNull();
  });
});
