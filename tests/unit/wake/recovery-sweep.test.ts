import { afterEach, describe, expect, it, vi } from "vitest";
import { startRecoverySweep } from "@/lib/wake/recovery-sweep";

// The sweep is handed in, so these run on fake timers alone: nothing here reaches a database.

let stops: (() => void)[] = [];
const start = (...args: Parameters<typeof startRecoverySweep>) => {
  const stop = startRecoverySweep(...args);
  stops.push(stop);
  return stop;
};

afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  vi.useRealTimers();
});

describe("startRecoverySweep", () => {
  it("sweeps on its own timer, one sweep at a time, and only one sweep per process", async () => {
    vi.useFakeTimers();
    let finish: () => void = () => {};
    const sweep = vi.fn().mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve))).mockResolvedValue(undefined);
    const stop = start(1_000, sweep);
    const other = vi.fn(async () => {});
    start(1_000, other);
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

  it("sweeps once per tick while each sweep ends within it", async () => {
    vi.useFakeTimers();
    const sweep = vi.fn(async () => {});
    start(1_000, sweep);
    await vi.advanceTimersByTimeAsync(999);
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(4_001);
    expect(sweep).toHaveBeenCalledTimes(5);
  });

  it("can be started again once stopped, and the second start's sweep is the one that runs", async () => {
    vi.useFakeTimers();
    const first = vi.fn(async () => {});
    const stop = start(1_000, first);
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    const second = vi.fn(async () => {});
    start(1_000, second);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(3);
  });

  it("a second start while one runs changes nothing, and its stop leaves the running sweep alone", async () => {
    vi.useFakeTimers();
    const sweep = vi.fn(async () => {});
    start(1_000, sweep);
    const stopSecond = start(1_000, vi.fn(async () => {}));
    stopSecond();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });
});
