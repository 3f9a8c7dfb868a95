// Failed sign-ins, counted in memory per client address and across all clients. The global count
// stops a guesser who forges a new X-Forwarded-For on every try; the price is that such a flood also
// locks the operator out until the window passes, which is the safe way round for a tool that can act.
export interface SignInLimits {
  maxFailures: number;
  windowMs: number;
}

export type LimitCheck = { ok: true } | { ok: false; retryAfterMs: number };

/** An attempt let through (already counted as a failure: `failures` is the client's count with it) or refused. */
export type Admission = { ok: true; failures: number } | { ok: false; retryAfterMs: number };

/** What sign-in asks of a limiter, whether it counts in this process's memory or in the database. */
export interface FailureLimiter {
  /** Refuses while the client (or everyone) is over the limit; otherwise counts the attempt as a failure. */
  admit(client: string, now: number): Admission | Promise<Admission>;
  /** Forgets the client's own failures after a success; they still count toward the global limit. */
  clear(client: string): void | Promise<void>;
}

/** The global limit is this many times the per-client one. */
export const GLOBAL_FACTOR = 10;
const MAX_CLIENTS = 10_000;

export class SignInLimiter implements FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private global: number[] = [];

  constructor(private readonly limits: SignInLimits) {}

  check(client: string, now: number): LimitCheck {
    const own = this.recent(client, now);
    this.global = this.global.filter((t) => t > now - this.limits.windowMs);
    const blockedBy = own.length >= this.limits.maxFailures ? own : this.global.length >= this.limits.maxFailures * GLOBAL_FACTOR ? this.global : null;
    if (!blockedBy) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, blockedBy[blockedBy.length - this.limitFor(blockedBy)]! + this.limits.windowMs - now) };
  }

  // Check and count in one synchronous step: no parallel attempt can slip in between.
  admit(client: string, now: number): Admission {
    const gate = this.check(client, now);
    return gate.ok ? { ok: true, failures: this.recordFailure(client, now) } : gate;
  }

  /** Records a failure; returns how many this client has in the window now. */
  recordFailure(client: string, now: number): number {
    const own = [...this.recent(client, now), now];
    this.failures.delete(client);
    this.failures.set(client, own);
    this.global.push(now);
    // Forged addresses must not grow the map without bound: drop the longest-idle clients.
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_CLIENTS) break;
      this.failures.delete(oldest);
    }
    return own.length;
  }

  clear(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string, now: number): number[] {
    return (this.failures.get(client) ?? []).filter((t) => t > now - this.limits.windowMs);
  }

  // Blocked until enough failures age out that the count falls below the limit again.
  private limitFor(list: number[]): number {
    return list === this.global ? this.limits.maxFailures * GLOBAL_FACTOR : this.limits.maxFailures;
  }
}

const globalForLimiter = globalThis as unknown as { lookoutSignInLimiter?: { key: string; limiter: SignInLimiter } };

/** The process's limiter (one per server, whatever bundle imports it). */
export function getSignInLimiter(limits: SignInLimits): SignInLimiter {
  const key = `${limits.maxFailures}/${limits.windowMs}`;
  const current = globalForLimiter.lookoutSignInLimiter;
  if (current?.key === key) return current.limiter;
  const limiter = new SignInLimiter(limits);
  globalForLimiter.lookoutSignInLimiter = { key, limiter };
  return limiter;
}
