import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DatabaseSignInLimiter } from "@/lib/auth/database-sign-in-limiter";
import { SignInLimiter, type Admission, type FailureLimiter } from "@/lib/auth/sign-in-limiter";
import { signIn } from "@/lib/auth/sign-in";
import { createDb, db } from "@/lib/db";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { parseEnv } from "@/lib/env";

// The database-backed sign-in limiter: the memory limiter's rules, counted in SignInFailure rows that every
// Lookout instance shares and a restart keeps. Lookout uses it on PostgreSQL; it runs on both providers.

const limits = { maxFailures: 3, windowMs: 100 };
const T0 = Date.parse("2026-11-20T00:00:00Z");
const others: ReturnType<typeof createDb>[] = [];
// SQLite's adapter is synchronous: two clients of one file in one process would wait on each other's lock
// forever. Lookout runs one process per SQLite file anyway (and counts in memory there).
const onPostgres = databaseProvider(process.env.DATABASE_URL!) === "postgres";

/** Another Lookout process: its own client (and connection pool) on the same database. */
function anotherInstance() {
  const client = createDb(process.env.DATABASE_URL!);
  others.push(client);
  return client;
}

beforeEach(async () => {
  await db.signInFailure.deleteMany();
});
afterAll(async () => {
  await Promise.all(others.map((c) => c.$disconnect()));
});

type Step = ["admit", string, number] | ["clear", string];

/** The same rules as the unit tests of the memory limiter walk: per client, ageing out, clearing, global. */
const script: Step[] = [
  ...[0, 10, 20, 50, 99, 100, 106].map((t): Step => ["admit", "a", t]),
  ["admit", "b", 106],
  ["clear", "b"],
  ["admit", "b", 107],
  ...Array.from({ length: 30 }, (_, i): Step => ["admit", `forged-${i}`, 200 + i]),
  ["admit", "new", 240],
  ["clear", "forged-3"],
  ["admit", "new", 241],
  ["admit", "forged-3", 241],
  ["admit", "new", 320],
  ["admit", "new", 400],
];

async function play(limiter: FailureLimiter): Promise<(Admission | "cleared")[]> {
  const results: (Admission | "cleared")[] = [];
  for (const step of script) {
    if (step[0] === "clear") {
      await limiter.clear(step[1]);
      results.push("cleared");
    } else results.push(await limiter.admit(step[1], T0 + step[2]));
  }
  return results;
}

describe("the database sign-in limiter", () => {
  it("admits and refuses exactly as the memory limiter does, with the same retryAfter", async () => {
    const expected = await play(new SignInLimiter(limits));
    const actual = await play(new DatabaseSignInLimiter(db, limits));
    expect(actual).toEqual(expected);
    // The script reaches both limits: the client's own, and (for a client never seen) the global one.
    expect(expected.slice(0, 7)).toEqual([
      { ok: true, failures: 1 },
      { ok: true, failures: 2 },
      { ok: true, failures: 3 },
      { ok: false, retryAfterMs: 50 },
      { ok: false, retryAfterMs: 1 },
      { ok: true, failures: 3 },
      { ok: false, retryAfterMs: 4 },
    ]);
    expect(expected[script.findIndex((s) => s[1] === "new")]).toEqual({ ok: false, retryAfterMs: 60 });
    expect(expected.at(-1)).toEqual({ ok: true, failures: 2 });
  });

  it("shares one count between two instances, so running two does not double the guesses", async () => {
    const one = new DatabaseSignInLimiter(db, limits);
    const two = new DatabaseSignInLimiter(anotherInstance(), limits);
    expect(await one.admit("203.0.113.50", T0)).toEqual({ ok: true, failures: 1 });
    expect(await two.admit("203.0.113.50", T0 + 1)).toEqual({ ok: true, failures: 2 });
    expect(await one.admit("203.0.113.50", T0 + 2)).toEqual({ ok: true, failures: 3 });
    expect(await two.admit("203.0.113.50", T0 + 3)).toEqual({ ok: false, retryAfterMs: 97 });
    expect(await one.admit("203.0.113.50", T0 + 3)).toEqual({ ok: false, retryAfterMs: 97 });
  });

  it("lets exactly the limit through when a burst arrives at two instances at once", async () => {
    const instances = [new DatabaseSignInLimiter(db, limits), new DatabaseSignInLimiter(onPostgres ? anotherInstance() : db, limits)];
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.admit("198.51.100.60", T0)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(limits.maxFailures);
    expect(await db.signInFailure.count({ where: { client: "198.51.100.60" } })).toBe(limits.maxFailures);
  });

  it("still refuses after a restart: a new instance sees the failures counted before it", async () => {
    const before = anotherInstance();
    for (const t of [0, 1, 2]) await new DatabaseSignInLimiter(before, limits).admit("198.51.100.61", T0 + t);
    await before.$disconnect();
    const restarted = new DatabaseSignInLimiter(anotherInstance(), limits);
    expect(await restarted.admit("198.51.100.61", T0 + 10)).toEqual({ ok: false, retryAfterMs: 90 });
  });

  it("prunes rows that left the window, so the table stays small", async () => {
    const limiter = new DatabaseSignInLimiter(db, limits);
    for (let i = 0; i < 5; i++) await limiter.admit(`10.1.0.${i}`, T0 + i);
    expect(await db.signInFailure.count()).toBe(5);
    await limiter.admit("10.1.0.9", T0 + 103);
    // Failures at T0+0..3 are out of the window at T0+103; T0+4 and the new one remain.
    expect((await db.signInFailure.findMany({ orderBy: { at: "asc" } })).map((r) => r.at.getTime() - T0)).toEqual([4, 103]);
  });
});

describe("sign-in on this database", () => {
  const PASSWORD = "correct-horse-battery-staple-41";
  const env = parseEnv({ LOOKOUT_OPERATOR_PASSWORD: PASSWORD, LOOKOUT_OPERATOR_NAME: "maya", LOOKOUT_SIGNIN_MAX_FAILURES: "3" });

  beforeEach(() => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    return () => vi.restoreAllMocks();
  });

  it("counts failures in the database on PostgreSQL and in this process on SQLite", async () => {
    const result = await signIn({ secret: "a-wrong-guess-0001" }, "203.0.113.70", { env });
    expect(result).toMatchObject({ ok: false, reason: "wrong_secret" });
    const rows = await db.signInFailure.count({ where: { client: "203.0.113.70" } });
    expect(rows).toBe(onPostgres ? 1 : 0);
  });

  it("answers a limited client with the same message and retry time as before, from any instance", async () => {
    const now = new Date(T0 + 1_000_000);
    const windowMs = env.LOOKOUT_SIGNIN_WINDOW_SECONDS * 1000;
    const first = new DatabaseSignInLimiter(db, { maxFailures: 3, windowMs });
    const second = new DatabaseSignInLimiter(anotherInstance(), { maxFailures: 3, windowMs });
    for (let i = 0; i < 3; i++) expect(await signIn({ secret: `wrong-${i}-guess` }, "198.51.100.71", { env, now, limiter: i % 2 ? second : first })).toMatchObject({ reason: "wrong_secret" });
    const later = new Date(now.getTime() + 60_000);
    const expected = { ok: false, reason: "rate_limited", retryAfterSeconds: 840, message: "Too many failed sign-ins. Try again in 14 minutes." };
    expect(await signIn({ secret: PASSWORD }, "198.51.100.71", { env, now: later, limiter: second })).toEqual(expected);
    expect(await signIn({ secret: PASSWORD }, "198.51.100.71", { env, now: later, limiter: new SignInLimiter({ maxFailures: 3, windowMs }) })).toMatchObject({ ok: true });
    // A success clears the client's own count on every instance.
    expect(await signIn({ secret: PASSWORD }, "198.51.100.72", { env, now: later, limiter: first })).toMatchObject({ ok: true });
    expect(await db.signInFailure.count({ where: { client: "198.51.100.72" } })).toBe(0);
  });
});
