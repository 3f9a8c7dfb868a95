import { parseEnv, type Env } from "@/lib/env";
import { simulatorEnv } from "@/simulator/server";

/** A validated Lookout environment pointing every vendor at the simulator. */
export function simulatedEnv(simulatorUrl: string, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    DATABASE_URL: process.env.DATABASE_URL,
    LOOKOUT_PROBE_TIMEOUT_MS: "2000",
    ...simulatorEnv(simulatorUrl),
    ...overrides,
  });
}
