import { describe, expect, it } from "vitest";
import { getProbe, probes } from "@/lib/probes/registry";

describe("registry", () => {
  it("lists the five probes in dashboard order", () => {
    expect(probes.map((p) => p.name)).toEqual(["supabase", "fly", "vercel", "sentry", "doppler"]);
  });
  it("finds a probe by name", () => {
    expect(getProbe("fly")?.label).toBe("Fly.io");
    expect(getProbe("heroku")).toBeUndefined();
  });
});
