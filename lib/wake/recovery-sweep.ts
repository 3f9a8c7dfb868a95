import { consumeWakesLogged } from "./consume-wakes-logged";

// Survives Next's module re-evaluation so one server process never runs two sweeps.
const globalForSweep = globalThis as unknown as { lookoutRecoverySweep?: NodeJS.Timeout };

/** Often enough that a crashed wake or DM is picked up within a lease length of its lease running out. */
export const RECOVERY_SWEEP_MS = 10_000;

/**
 * Runs the consumer on a short timer inside the server process, whatever the probe interval (even with the
 * scheduler off): wakes a crashed consumer left behind, wakes past their backoff and outbox messages due for
 * a retry are taken up within seconds, independently of probe cycles. Each pass is a few indexed reads when
 * there is nothing to do.
 */
export function startRecoverySweep(everyMs = RECOVERY_SWEEP_MS, sweep: () => Promise<void> = consumeWakesLogged): () => void {
  if (globalForSweep.lookoutRecoverySweep) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sweep().finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  globalForSweep.lookoutRecoverySweep = timer;
  return () => {
    clearInterval(timer);
    globalForSweep.lookoutRecoverySweep = undefined;
  };
}
