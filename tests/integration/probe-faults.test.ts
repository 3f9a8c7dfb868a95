import { beforeEach, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { probeNames } from "@/lib/probes/types";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

const TIMEOUT_MS = 1_000;
const simulator = withSimulator();
beforeEach(() => simulator().reset());

// Every vendor gets the same fault at once; each must become a snapshot with a clear error, never a throw.
const faults = [
  { name: "a hang", fault: { kind: "hang" }, status: "unhealthy", error: /timed out after 1000 ms/i },
  { name: "latency beyond the timeout", fault: { kind: "latency", ms: 5_000 }, status: "unhealthy", error: /timed out/i },
  { name: "HTTP 503", fault: { kind: "status", status: 503 }, status: "unhealthy", error: /503/ },
  { name: "HTTP 429 with the vendor's signal", fault: { kind: "rate_limit", retryAfterS: 30 }, status: "degraded", error: /rate limit/i },
  { name: "malformed JSON", fault: { kind: "malformed" }, status: "unhealthy", error: /malformed/i },
  { name: "a connection reset", fault: { kind: "reset" }, status: "unhealthy", error: /reset|ECONNRESET|socket|closed/i },
] as const;

describe("injected faults", () => {
  for (const { name, fault, status, error } of faults) {
    it(`turns ${name} into a snapshot with a clear error and still completes the cycle`, async () => {
      for (const vendor of probeNames) simulator().setFault(vendor, fault);
      const started = Date.now();
      const result = await runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url, { LOOKOUT_PROBE_TIMEOUT_MS: String(TIMEOUT_MS) }) });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const stored = await db.probeSnapshot.findMany({ where: { cycleId: result.cycle.cycleId } });
      expect(stored).toHaveLength(5);
      for (const s of stored) {
        expect({ probe: s.probe, status: s.status }).toEqual({ probe: s.probe, status });
        expect(s.error, `${s.probe} error`).toMatch(error);
      }
    });
  }
});
