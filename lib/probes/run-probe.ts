import type { Env } from "@/lib/env";
import { ProbeTimeoutError } from "@/lib/probes/http";
import { createVolatileMemory, type ProbeMemory } from "@/lib/probes/memory";
import { listCredentials, redactDetails, redactText } from "@/lib/redact";
import { probeStatusSchema, type ProbeContext, type ProbeDefinition, type ProbeOutcome, type ProbeSnapshot } from "@/lib/probes/types";

// Runs one probe with a hard time bound. Vendor-agnostic: everything vendor-specific lives in the definition.

export interface RunProbeOptions {
  timeoutMs: number;
  pageCap: number;
  now?: Date;
  /** Where the probe keeps what it learned; volatile (forgotten after the run) when not given. */
  memory?: ProbeMemory;
}

/** Time a probe gets after its signal fires to turn the abort into its own outcome before the guard answers. */
export const guardGraceMs = 250;

/** A context whose signal aborts with ProbeTimeoutError at `timeoutMs`; call `dispose` when done. */
export function createProbeContext(opts: RunProbeOptions): { ctx: ProbeContext; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ProbeTimeoutError(opts.timeoutMs)), opts.timeoutMs);
  return {
    ctx: { signal: controller.signal, pageCap: opts.pageCap, now: opts.now ?? new Date(), memory: opts.memory ?? createVolatileMemory() },
    dispose: () => {
      clearTimeout(timer);
      // Cancels anything a finished (or abandoned) probe left in flight.
      if (!controller.signal.aborted) controller.abort(new Error("probe finished"));
    },
  };
}

function describeThrown(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `internal probe error: ${message.split("\n")[0]?.slice(0, 200) ?? "unknown"}`;
}

/** Guards against a definition that breaks its contract by returning something that is not an outcome. */
function checkOutcome(outcome: ProbeOutcome): ProbeOutcome {
  const status = probeStatusSchema.safeParse(outcome?.status);
  if (!status.success) return { status: "unhealthy", details: {}, error: "internal probe error: the probe returned no valid status" };
  const details = typeof outcome.details === "object" && outcome.details !== null ? outcome.details : {};
  return { status: status.data, details, error: typeof outcome.error === "string" ? outcome.error : null };
}

/** Any vendor's definition: the config is opaque here, only handed back to the same definition's `run`. */
export type AnyProbeDefinition = ProbeDefinition<unknown>;

async function runBounded(definition: AnyProbeDefinition, config: unknown, opts: RunProbeOptions): Promise<ProbeOutcome> {
  const { ctx, dispose } = createProbeContext(opts);
  let guardTimer: ReturnType<typeof setTimeout> | undefined;
  // If a probe ignores its signal, the guard still answers shortly after the timeout.
  const guard = new Promise<ProbeOutcome>((resolve) => {
    guardTimer = setTimeout(
      () => resolve({ status: "unhealthy", details: {}, error: `${definition.label} probe timed out after ${opts.timeoutMs} ms` }),
      opts.timeoutMs + guardGraceMs,
    );
  });
  try {
    const run = Promise.resolve()
      .then(() => definition.run(config, ctx))
      .then(checkOutcome, (err: unknown): ProbeOutcome => ({ status: "unhealthy", details: {}, error: describeThrown(err) }));
    return await Promise.race([run, guard]);
  } finally {
    clearTimeout(guardTimer);
    dispose();
  }
}

/** One snapshot for one probe: `unconfigured` without any HTTP when credentials are absent. Never throws. */
export async function runProbe(definition: AnyProbeDefinition, env: Env, opts: RunProbeOptions): Promise<ProbeSnapshot> {
  const observedAt = opts.now ?? new Date();
  let config: unknown;
  try {
    config = definition.configFromEnv(env);
  } catch (err) {
    return { probe: definition.name, status: "unhealthy", details: {}, error: describeThrown(err), latencyMs: 0, observedAt };
  }
  if (config === null) {
    return { probe: definition.name, status: "unconfigured", details: {}, error: null, latencyMs: 0, observedAt };
  }

  const started = performance.now();
  const outcome = await runBounded(definition, config, { ...opts, now: observedAt });
  const latencyMs = Math.round(performance.now() - started);
  const credentials = listCredentials(env);
  return {
    probe: definition.name,
    status: outcome.status,
    details: redactDetails(outcome.details, credentials),
    error: outcome.error === null ? null : redactText(outcome.error, credentials),
    latencyMs,
    observedAt,
  };
}
