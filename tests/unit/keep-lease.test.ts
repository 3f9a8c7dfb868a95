import { afterEach, describe, expect, it, vi } from "vitest";
import { keepLease } from "@/lib/keep-lease";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("keepLease", () => {
  it("renews every interval until stopped", async () => {
    vi.useFakeTimers();
    const renew = vi.fn(async () => true);
    const lease = keepLease("wake w1", renew, 1_000);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(renew).toHaveBeenCalledTimes(3);
    lease.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(lease.lost).toBe(false);
  });

  it("is lost once a renewal finds the lease taken, says so once, and stops renewing", async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const renew = vi.fn().mockResolvedValueOnce(true).mockResolvedValue(false);
    const lease = keepLease("wake w1", renew, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lease.lost).toBe(false);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(lease.lost).toBe(true);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0]).toMatch(/lost the lease on wake w1/);
    lease.stop();
  });

  it("keeps trying after a renewal that failed, and never runs two at once", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let release: (held: boolean) => void = () => {};
    const renew = vi
      .fn()
      .mockRejectedValueOnce(new Error("database is locked"))
      .mockImplementationOnce(() => new Promise<boolean>((resolve) => (release = resolve)))
      .mockResolvedValue(true);
    const lease = keepLease("the probe cycle", renew, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(warn.mock.calls[0]?.[0]).toMatch(/could not renew the lease on the probe cycle: database is locked/);
    await vi.advanceTimersByTimeAsync(3_000);
    // The second renewal is still waiting: no third one starts beside it.
    expect(renew).toHaveBeenCalledTimes(2);
    release(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(lease.lost).toBe(false);
    lease.stop();
  });

  it("is not lost when the holder stops while a renewal is in flight and that renewal finds the lease released", async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let answer: (held: boolean) => void = () => {};
    const renew = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const lease = keepLease("wake w1", renew, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renew).toHaveBeenCalledTimes(1);
    // The holder finishes and releases the lease; the renewal started before that then answers "not held".
    lease.stop();
    answer(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lease.lost).toBe(false);
    expect(error).not.toHaveBeenCalled();
  });
});
