import { runProbeCycle, type CycleResult } from "./run-probe-cycle";
import { describeCycleResult } from "./describe-cycle-result";
import { describeError } from "@/lib/describe-error";
import { consumeWakesLogged } from "@/lib/wake/consume-wakes-logged";

// Survives Next's module re-evaluation so one server process never runs two schedulers.
const globalForScheduler = globalThis as unknown as { lookoutScheduler?: NodeJS.Timeout };

const FIRST_CYCLE_DELAY_MS = 3_000;

/**
 * Runs a probe cycle every `intervalMs` inside the server process, so `npm start` alone keeps watch, then
 * consumes the wakes: right after the cycle that emitted them, and as the sweep for retries. Every
 * instance runs one; their ticks within one interval of the last cycle are coalesced into it.
 */
export function startProbeScheduler(
  intervalMs: number,
  run: () => Promise<CycleResult> = () => runProbeCycle({ trigger: "scheduler", intervalMs }),
  afterCycle: () => Promise<void> = consumeWakesLogged,
): () => void {
  if (globalForScheduler.lookoutScheduler) return () => {};
  const tick = async () => {
    try {
      console.log(`[lookout] ${describeCycleResult(await run())}`);
    } catch (error) {
      console.error("[lookout] scheduled probe cycle failed:", describeError(error));
    }
    await afterCycle();
  };
  // An interval no longer than the first delay ticks soon enough by itself.
  const first = intervalMs > FIRST_CYCLE_DELAY_MS ? setTimeout(tick, FIRST_CYCLE_DELAY_MS) : undefined;
  const timer = setInterval(tick, intervalMs);
  globalForScheduler.lookoutScheduler = timer;
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    globalForScheduler.lookoutScheduler = undefined;
  };
}
