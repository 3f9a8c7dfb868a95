import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The timers a start leaves behind, kept on globalThis so a process never runs two of each.
const timers = globalThis as unknown as { lookoutScheduler?: NodeJS.Timeout; lookoutRecoverySweep?: NodeJS.Timeout };
function stopTimers() {
  clearInterval(timers.lookoutScheduler);
  clearInterval(timers.lookoutRecoverySweep);
  timers.lookoutScheduler = timers.lookoutRecoverySweep = undefined;
}

beforeEach(stopTimers);
afterEach(() => {
  vi.restoreAllMocks();
  stopTimers();
  delete process.env.LOOKOUT_PROBE_INTERVAL;
  delete process.env.FLY_API_URL;
  delete process.env.VERCEL;
});

describe("startServer", () => {
  it("stops with a readable list of every bad variable, without a stack trace", async () => {
    vi.resetModules();
    Object.assign(process.env, { LOOKOUT_PROBE_INTERVAL: "often", FLY_API_URL: "ftp://fly" });
    const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { startServer } = await import("@/lib/start-server");

    await expect(startServer()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    const output = logged.mock.calls.map((args) => args.join(" ")).join("\n");
    expect(output).toContain("Invalid configuration:");
    expect(output).toContain("LOOKOUT_PROBE_INTERVAL: must be");
    expect(output).toContain("FLY_API_URL: must be an http(s) URL");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("leaves the scheduler off when LOOKOUT_PROBE_INTERVAL=off", async () => {
    vi.resetModules();
    process.env.LOOKOUT_PROBE_INTERVAL = "off";
    const logged = vi.spyOn(console, "log").mockImplementation(() => {});
    const { startServer } = await import("@/lib/start-server");
    await startServer();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("embedded scheduler off"));
  });

  it("starts no timer on Vercel, where Vercel Cron triggers the cycles, and says so once", async () => {
    vi.resetModules();
    process.env.VERCEL = "1";
    const logged = vi.spyOn(console, "log").mockImplementation(() => {});
    const { startServer } = await import("@/lib/start-server");
    await startServer();
    const lines = logged.mock.calls.map((args) => String(args[0]));
    expect(lines.filter((l) => l.includes("embedded scheduler"))).toEqual([
      "[lookout] embedded scheduler off on Vercel: Vercel Cron triggers the cycles (vercel.json), each followed by a wake consumer pass",
    ]);
    expect(timers.lookoutScheduler).toBeUndefined();
    expect(timers.lookoutRecoverySweep).toBeUndefined();
  });

  it("starts the scheduler and the recovery sweep elsewhere", async () => {
    vi.resetModules();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { startServer } = await import("@/lib/start-server");
    await startServer();
    expect(timers.lookoutScheduler).toBeDefined();
    expect(timers.lookoutRecoverySweep).toBeDefined();
  });
});
