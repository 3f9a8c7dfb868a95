import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.LOOKOUT_PROBE_INTERVAL;
  delete process.env.FLY_API_URL;
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
});
