import { afterEach, describe, expect, it, vi } from "vitest";
import { startProbeScheduler } from "@/lib/cycle/scheduler";
import { startRecoverySweep } from "@/lib/wake/recovery-sweep";
import type { CycleResult } from "@/lib/cycle/run-probe-cycle";

afterEach(() => vi.useRealTimers());

const skipped: CycleResult = { ok: false, reason: "cycle_in_progress", message: "busy", heldBy: null };

describe("startProbeScheduler", () => {
  it("runs a first cycle soon after start, then one per interval, and only one scheduler per process", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const run = vi.fn(async () => skipped);
    const consume = vi.fn(async () => {});
    const stop = startProbeScheduler(60_000, run, consume);
    const second = vi.fn(async () => skipped);
    startProbeScheduler(60_000, second, consume);

    await vi.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(consume).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(3);
    expect(second).not.toHaveBeenCalled();
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("keeps going after a cycle throws", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const run = vi.fn().mockRejectedValueOnce(new Error("database is locked")).mockResolvedValue(skipped);
    const consume = vi.fn(async () => {});
    const stop = startProbeScheduler(10_000, run, consume);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(run).toHaveBeenCalledTimes(3);
    // The sweep runs even after a failed cycle: retries must not wait for a healthy one.
    expect(consume).toHaveBeenCalledTimes(3);
    stop();
  });
});

describe("startRecoverySweep", () => {
  it("sweeps on its own timer, one sweep at a time, and only one sweep per process", async () => {
    vi.useFakeTimers();
    let finish: () => void = () => {};
    const sweep = vi.fn().mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve))).mockResolvedValue(undefined);
    const stop = startRecoverySweep(1_000, sweep);
    const other = vi.fn(async () => {});
    startRecoverySweep(1_000, other);
    await vi.advanceTimersByTimeAsync(3_000);
    // The first sweep is still running: the ticks meanwhile start none.
    expect(sweep).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sweep).toHaveBeenCalledTimes(3);
    expect(other).not.toHaveBeenCalled();
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sweep).toHaveBeenCalledTimes(3);
  });
});
