import { parseEnv, type Env } from "@/lib/env";
import { simulatorEnv } from "@/simulator/server";

/**
 * A validated Lookout environment pointing every vendor at the simulator. Cycles are not coalesced: a test's
 * back-to-back cycles stand for scheduled ones minutes apart (the coalescing tests set the spacing themselves).
 */
export function simulatedEnv(simulatorUrl: string, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    DATABASE_URL: process.env.DATABASE_URL,
    // Required on PostgreSQL (the integration:postgres project sets it); unused on SQLite.
    LOOKOUT_SESSION_SECRET: process.env.LOOKOUT_SESSION_SECRET,
    LOOKOUT_PROBE_TIMEOUT_MS: "2000",
    LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0",
    ...simulatorEnv(simulatorUrl),
    ...overrides,
  });
}
