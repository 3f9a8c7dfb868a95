import { afterEach, describe, expect, it, vi } from "vitest";
import { startProbeScheduler } from "@/lib/cycle/scheduler";
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
