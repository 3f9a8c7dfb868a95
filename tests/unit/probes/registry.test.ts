import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { getProbe, probes } from "@/lib/probes/registry";

const sampleValues: Record<string, string> = { SUPABASE_URL: "https://abc.supabase.co", FLY_APPS: "runtime" };
const envWith = (names: readonly string[]) => parseEnv(Object.fromEntries(names.map((n) => [n, sampleValues[n] ?? "sample-value"])));

describe("registry", () => {
  it("lists the five probes in dashboard order", () => {
    expect(probes.map((p) => p.name)).toEqual(["supabase", "fly", "vercel", "sentry", "doppler"]);
  });
  it("finds a probe by name", () => {
    expect(getProbe("fly")?.label).toBe("Fly.io");
    expect(getProbe("heroku")).toBeUndefined();
  });

  // The unconfigured card tells the operator exactly these variables, so they must be the whole truth.
  it.each(probes.map((p) => [p.name, p] as const))("%s is configured by its requiredEnv and by nothing less", (_, probe) => {
    expect(probe.configFromEnv(envWith(probe.requiredEnv))).not.toBeNull();
    for (const missing of probe.requiredEnv) {
      expect(probe.configFromEnv(envWith(probe.requiredEnv.filter((n) => n !== missing))), `without ${missing}`).toBeNull();
    }
  });
});
