import { describeError } from "@/lib/describe-error";

export interface LeaseKeeper {
  /** True once a renewal found the lease taken by someone else: the holder must not record its work. */
  readonly lost: boolean;
  stop(): void;
}

/**
 * Renews a short lease while its holder works, so a slow, healthy holder keeps it and a crashed one's
 * lease runs out within one lease length. `renew` answers whether the lease was still held; a renewal
 * that fails (a busy database, say) is tried again on the next tick rather than given up.
 */
export function keepLease(what: string, renew: () => Promise<boolean>, everyMs: number): LeaseKeeper {
  const state = { lost: false };
  let pending = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (pending || state.lost) return;
    pending = true;
    renew()
      .then((held) => {
        // A renewal still in flight when the holder finished finds its own released lease: nothing was lost.
        if (!held && !state.lost && !stopped) {
          state.lost = true;
          console.error(`[lookout] lost the lease on ${what}: another process took it over`);
        }
      })
      .catch((error: unknown) => console.warn(`[lookout] could not renew the lease on ${what}: ${describeError(error)}`))
      .finally(() => {
        pending = false;
      });
  }, everyMs);
  timer.unref();
  return {
    get lost() {
      return state.lost;
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
