import { z } from "zod";
import type { Env } from "@/lib/env";
import type { ProbeMemory } from "@/lib/probes/memory";

export const probeNames = ["supabase", "fly", "vercel", "sentry", "doppler"] as const;
export const probeNameSchema = z.enum(probeNames);
export type ProbeName = z.infer<typeof probeNameSchema>;

export const probeStatuses = ["healthy", "degraded", "unhealthy", "unconfigured"] as const;
export const probeStatusSchema = z.enum(probeStatuses);
export type ProbeStatus = z.infer<typeof probeStatusSchema>;

/** JSON-safe figures a probe keeps; never a token, key, secret value or connection string. */
export type ProbeDetails = Record<string, unknown>;

/** What a probe function returns. The runner adds latency and the observation time. */
export interface ProbeOutcome {
  status: ProbeStatus;
  details: ProbeDetails;
  /** One clear sentence when something went wrong (HTTP status, timeout, rate limit, malformed body). */
  error: string | null;
}

export interface ProbeSnapshot extends ProbeOutcome {
  probe: ProbeName;
  latencyMs: number;
  observedAt: Date;
}

export interface ProbeContext {
  /** Aborted when the probe's timeout elapses; pass it to every fetch. */
  signal: AbortSignal;
  /** Max pages to follow for paginated vendors. */
  pageCap: number;
  now: Date;
  /** Facts this probe learned in earlier cycles (kept in the database by the cycle runner). */
  memory: ProbeMemory;
}

/**
 * One vendor. `configFromEnv` returns null when credentials are absent (the probe is then `unconfigured`
 * and `run` is never called). `run` must not throw: every failure becomes an outcome with `error`.
 */
export interface ProbeDefinition<C> {
  name: ProbeName;
  label: string;
  /** The variables without which `configFromEnv` returns null; shown on the unconfigured card. */
  requiredEnv: readonly (keyof Env)[];
  configFromEnv(env: Env): C | null;
  run(config: C, ctx: ProbeContext): Promise<ProbeOutcome>;
}
