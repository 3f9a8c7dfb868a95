import type { Env } from "@/lib/env";

export interface LeaseTiming {
  /** How long a claim (a cycle, a wake, a DM) holds without renewal: a crashed holder's work is free again after it. */
  leaseMs: number;
  /** How often a live holder renews: a third of the lease, so two renewals can fail before it lapses. */
  renewMs: number;
}

export function leaseTiming(env: Pick<Env, "LOOKOUT_LEASE_SECONDS">): LeaseTiming {
  const leaseMs = Math.round(env.LOOKOUT_LEASE_SECONDS * 1000);
  return { leaseMs, renewMs: Math.max(50, Math.floor(leaseMs / 3)) };
}
