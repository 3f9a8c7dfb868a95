import { describe, expect, it } from "vitest";
import { getSignInLimiter, SignInLimiter } from "@/lib/auth/sign-in-limiter";

// The numbers behind the sign-in rate limit: when a client is refused, for how long, the global count that
// stops forged addresses, and the bound on how many clients are remembered. Times are plain milliseconds.

const limits = { maxFailures: 3, windowMs: 100 };

describe("one client", () => {
  it("is refused from its max-th failure in the window until the oldest of them ages out", () => {
    const limiter = new SignInLimiter(limits);
    expect(limiter.recordFailure("a", 0)).toBe(1);
    expect(limiter.recordFailure("a", 10)).toBe(2);
    expect(limiter.check("a", 15)).toEqual({ ok: true });
    expect(limiter.recordFailure("a", 20)).toBe(3);
    // Blocked until the failure at 0 leaves the window (0 + 100), whatever the time of asking.
    expect(limiter.check("a", 50)).toEqual({ ok: false, retryAfterMs: 50 });
    expect(limiter.check("a", 99)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(limiter.check("a", 100)).toEqual({ ok: true });
    // Only the failures still in the window count: 10, 20 and 105, so blocked until 10 + 100.
    expect(limiter.recordFailure("a", 105)).toBe(3);
    expect(limiter.check("a", 106)).toEqual({ ok: false, retryAfterMs: 4 });
  });

  it("counts each client on its own, and a success clears only that client's count", () => {
    const limiter = new SignInLimiter(limits);
    for (const t of [0, 1, 2]) limiter.recordFailure("a", t);
    expect(limiter.check("b", 3)).toEqual({ ok: true });
    expect(limiter.recordFailure("b", 3)).toBe(1);
    limiter.clear("a");
    expect(limiter.check("a", 4)).toEqual({ ok: true });
    expect(limiter.recordFailure("a", 4)).toBe(1);
    expect(limiter.recordFailure("b", 5)).toBe(2);
  });
});

describe("across all clients", () => {
  it("refuses everyone once ten times the limit failed in the window, until the oldest of those age out", () => {
    const limiter = new SignInLimiter(limits);
    // 29 failures from 29 forged addresses: still below 30.
    for (let i = 0; i < 29; i++) limiter.recordFailure(`forged-${i}`, i);
    expect(limiter.check("new", 40)).toEqual({ ok: true });
    limiter.recordFailure("forged-29", 40);
    // The 30th: refused until the failure at 0 (the 30th newest) leaves the window.
    expect(limiter.check("new", 41)).toEqual({ ok: false, retryAfterMs: 59 });
    expect(limiter.check("new", 100)).toEqual({ ok: true });
    // A success does not clear the global count.
    limiter.recordFailure("forged-30", 100);
    limiter.clear("forged-30");
    expect(limiter.check("new", 100)).toEqual({ ok: false, retryAfterMs: 1 });
  });
});

describe("memory", () => {
  it("remembers at most 10,000 clients, dropping the longest idle first", () => {
    const limiter = new SignInLimiter({ maxFailures: 2_000, windowMs: 1_000_000 });
    limiter.recordFailure("first", 0);
    for (let i = 0; i < 2_000; i++) limiter.recordFailure("early", 0);
    for (let i = 0; i < 9_997; i++) limiter.recordFailure(`client-${i}`, 1);
    // 9,999 clients so far; "first", the oldest, fails again and so becomes the most recent.
    expect(limiter.recordFailure("first", 2)).toBe(2);
    // The 10,000th client: every one is still remembered, so "early" is still refused.
    limiter.recordFailure("late-1", 3);
    expect(limiter.check("early", 4)).toMatchObject({ ok: false });
    // The 10,001st: the longest idle ("early") is dropped, "first" is kept.
    limiter.recordFailure("late-2", 3);
    expect(limiter.check("early", 4)).toEqual({ ok: true });
    expect(limiter.recordFailure("first", 5)).toBe(3);
  });
});

describe("getSignInLimiter", () => {
  it("is one limiter per process for the same limits, and a new one when the limits change", () => {
    const one = getSignInLimiter(limits);
    expect(getSignInLimiter({ ...limits })).toBe(one);
    const other = getSignInLimiter({ maxFailures: 4, windowMs: 100 });
    expect(other).not.toBe(one);
    expect(getSignInLimiter({ maxFailures: 3, windowMs: 200 })).not.toBe(other);
  });
});
