import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// vercel.json's crons checked against the rules Vercel's CLI validates them with (cronsSchema in
// vercel/vercel packages/cli/src/util/validate-config.ts): path and schedule required, no other keys,
// path 1-512 characters starting with "/", schedule 9-256 characters; Vercel Cron takes five cron fields.

const root = path.resolve(import.meta.dirname, "../../..");
const config = JSON.parse(fs.readFileSync(path.join(root, "vercel.json"), "utf8")) as { crons?: unknown };
const routeFile = (cronPath: string) => path.join(root, "app", ...cronPath.split("/").filter(Boolean), "route.ts");

describe("vercel.json crons", () => {
  it("has the shape Vercel validates and five cron fields", () => {
    expect(Array.isArray(config.crons)).toBe(true);
    for (const cron of config.crons as Record<string, unknown>[]) {
      expect(Object.keys(cron).sort()).toEqual(["path", "schedule"]);
      expect(cron.path).toMatch(/^\/.{0,511}$/);
      expect(String(cron.schedule).length).toBeGreaterThanOrEqual(9);
      expect(String(cron.schedule).length).toBeLessThanOrEqual(256);
      expect(String(cron.schedule).trim().split(/\s+/)).toHaveLength(5);
    }
  });

  it("points every cron at a route that answers GET and declares its maxDuration as a literal", () => {
    for (const cron of config.crons as { path: string }[]) {
      const source = fs.readFileSync(routeFile(cron.path), "utf8");
      expect(source).toMatch(/export (async function GET|const GET)\b/);
      // Next reads segment config without running the module: an imported or computed value would be ignored.
      expect(source).toMatch(/^export const maxDuration = \d+;$/m);
      // The consumer's budget after the response is derived from that same value.
      expect(source).toContain("functionTimeBudget(maxDuration)");
    }
  });
});
