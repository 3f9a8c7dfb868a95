import { parseEnv, type Env } from "@/lib/env";
import { simulatorEnv } from "@/simulator/server";

/**
 * This file's database and what its provider requires: on PostgreSQL a session secret (the
 * integration:postgres project sets one; on SQLite it is unused and may be absent).
 */
export function databaseEnv(): { DATABASE_URL: string | undefined; LOOKOUT_SESSION_SECRET: string | undefined } {
  return { DATABASE_URL: process.env.DATABASE_URL, LOOKOUT_SESSION_SECRET: process.env.LOOKOUT_SESSION_SECRET };
}

/**
 * A validated Lookout environment pointing every vendor at the simulator. Cycles are not coalesced: a test's
 * back-to-back cycles stand for scheduled ones minutes apart (the coalescing tests set the spacing themselves).
 * The probe timeout is far above what the simulator takes, so a busy machine never turns a healthy vendor
 * into a timed-out one (Doppler's first cycle, reading every config log and remembering it, takes longest);
 * the timeout tests set their own.
 */
export function simulatedEnv(simulatorUrl: string, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    ...databaseEnv(),
    LOOKOUT_PROBE_TIMEOUT_MS: "10000",
    LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0",
    ...simulatorEnv(simulatorUrl),
    ...overrides,
  });
}
