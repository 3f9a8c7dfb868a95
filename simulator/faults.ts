import { z } from "zod";

// Every vendor the simulator speaks; each is a key for faults and latency.
export const simVendors = ["supabase", "fly", "vercel", "sentry", "doppler", "slack", "anthropic"] as const;
export const simVendorSchema = z.enum(simVendors);
export type SimVendor = z.infer<typeof simVendorSchema>;

// `times` makes a fault transient: it answers the next N requests to the vendor, then clears itself.
const times = z.number().int().positive().optional();
// `path` narrows a fault to requests whose path ends with it (e.g. "chat.postMessage"); others pass untouched.
const path = z.string().min(1).max(200).optional();

export const faultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("latency"), ms: z.number().int().nonnegative().max(600_000), times, path }),
  z.object({ kind: z.literal("hang"), times, path }),
  // The vendor carries the request out (a Slack message is posted), then its answer never comes.
  z.object({ kind: z.literal("drop_reply"), times, path }),
  // 529 is Anthropic's "overloaded"; other vendors answer it like any 5xx.
  z.object({ kind: z.literal("status"), status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal(529)]), times, path }),
  z.object({ kind: z.literal("rate_limit"), retryAfterS: z.number().int().nonnegative().max(86_400).optional(), times, path }),
  z.object({ kind: z.literal("malformed"), times, path }),
  z.object({ kind: z.literal("reset"), times, path }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault["kind"];

export const setFaultInput = z.object({ vendor: simVendorSchema, fault: faultSchema.nullable() });
export const setLatencyInput = z.object({ vendor: simVendorSchema, ms: z.number().int().nonnegative().max(600_000) });

/**
 * Returns the fault that applies to this request and counts it down, so `times: 1` hits exactly one
 * request. Mutates `faults` in place because it is part of the live state.
 */
export function takeFault(faults: Partial<Record<SimVendor, Fault>>, vendor: SimVendor, requestPath = ""): Fault | null {
  const fault = faults[vendor];
  if (!fault) return null;
  if (fault.path !== undefined && !requestPath.endsWith(fault.path)) return null;
  if (fault.times !== undefined) {
    if (fault.times <= 1) delete faults[vendor];
    else faults[vendor] = { ...fault, times: fault.times - 1 };
  }
  return fault;
}

/** A sleep that ends early when the simulator closes, so close() never waits on a latency timer. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
