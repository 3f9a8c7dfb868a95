import { describe, expect, it } from "vitest";
import { guardGraceMs, runProbe } from "@/lib/probes/run-probe";
import type { ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";
import { buildEnv, fixtureNow } from "./fake-vendor";

const env = buildEnv({ VERCEL_TOKEN: "vc_secret_value_123", CRON_SECRET: "cron-secret-value" });

function fakeProbe(run: ProbeDefinition<{ token: string }>["run"], configured = true): ProbeDefinition<{ token: string }> {
  return { name: "vercel", label: "Vercel", requiredEnv: ["VERCEL_TOKEN"], configFromEnv: (e) => (configured && e.VERCEL_TOKEN ? { token: e.VERCEL_TOKEN } : null), run };
}

describe("runProbe", () => {
  it("returns unconfigured without running the probe", async () => {
    let ran = false;
    const probe = fakeProbe(async () => {
      ran = true;
      return { status: "healthy", details: {}, error: null };
    }, false);
    const snapshot = await runProbe(probe, env, { timeoutMs: 100, pageCap: 1, now: fixtureNow });
    expect(snapshot).toEqual({ probe: "vercel", status: "unconfigured", details: {}, error: null, latencyMs: 0, observedAt: fixtureNow });
    expect(ran).toBe(false);
  });

  it("passes the signal, page cap and time to the probe and measures latency", async () => {
    const probe = fakeProbe(async (_config, ctx) => {
      await new Promise((r) => setTimeout(r, 20));
      return { status: "healthy", details: { page_cap: ctx.pageCap, now: ctx.now.toISOString(), aborted: ctx.signal.aborted }, error: null };
    });
    const snapshot = await runProbe(probe, env, { timeoutMs: 1_000, pageCap: 7, now: fixtureNow });
    expect(snapshot).toMatchObject({ status: "healthy", details: { page_cap: 7, now: fixtureNow.toISOString(), aborted: false }, observedAt: fixtureNow });
    expect(snapshot.latencyMs).toBeGreaterThanOrEqual(15);
  });

  it("stops a probe that ignores its signal shortly after the timeout", async () => {
    const probe = fakeProbe(() => new Promise<ProbeOutcome>(() => undefined));
    const started = Date.now();
    const snapshot = await runProbe(probe, env, { timeoutMs: 100, pageCap: 1 });
    expect(Date.now() - started).toBeLessThan(100 + guardGraceMs + 200);
    expect(snapshot).toMatchObject({ status: "unhealthy", error: "Vercel probe timed out after 100 ms" });
  });

  it("aborts the probe's signal at the timeout", async () => {
    const probe = fakeProbe(
      (_config, ctx) =>
        new Promise<ProbeOutcome>((resolve) =>
          ctx.signal.addEventListener("abort", () => resolve({ status: "unhealthy", details: {}, error: `aborted: ${String(ctx.signal.reason)}` })),
        ),
    );
    const snapshot = await runProbe(probe, env, { timeoutMs: 80, pageCap: 1 });
    expect(snapshot.error).toBe("aborted: ProbeTimeoutError: timed out after 80 ms");
  });

  it("turns a thrown error into an unhealthy snapshot", async () => {
    const probe = fakeProbe(async () => {
      throw new Error("boom\nstack line");
    });
    expect(await runProbe(probe, env, { timeoutMs: 100, pageCap: 1 })).toMatchObject({
      status: "unhealthy",
      details: {},
      error: "internal probe error: boom",
    });
  });

  it("turns an invalid outcome into an unhealthy snapshot", async () => {
    const probe = fakeProbe(async () => ({ status: "fine" }) as unknown as ProbeOutcome);
    expect(await runProbe(probe, env, { timeoutMs: 100, pageCap: 1 })).toMatchObject({ status: "unhealthy", error: expect.stringMatching(/^internal probe error/) });
  });

  it("redacts secret-named keys and credential values from details and error", async () => {
    const probe = fakeProbe(async (config) => ({
      status: "degraded",
      details: { token_preview: "vc_s…", nested: { apiKey: "x", echoed: `got ${config.token}` }, secrets_tracked: 3, token_type: "personal" },
      error: `refused ${config.token}`,
    }));
    const snapshot = await runProbe(probe, env, { timeoutMs: 100, pageCap: 1 });
    expect(snapshot.details).toEqual({ nested: { echoed: "got [redacted]" }, secrets_tracked: 3, token_type: "personal" });
    expect(snapshot.error).toBe("refused [redacted]");
  });
});
