import { afterEach, describe, expect, it, vi } from "vitest";
import { detectIssue } from "@/lib/detect/detect-issue";
import type { ProbeName } from "@/lib/probes/types";

afterEach(() => vi.restoreAllMocks());

// Details as the probes record them, for a degraded and an unhealthy snapshot of each vendor.
const samples: Record<ProbeName, { degraded: object; degradedError: string; unhealthy: object; unhealthyError: string }> = {
  supabase: {
    degraded: { project_ref: "abc", rest: "up", auth: "up", connections_pct: 92, services: null },
    degradedError: "Supabase connections at 92% of max (threshold 80%)",
    unhealthy: { project_ref: "abc", rest: "down", auth: "down", connections_pct: null },
    unhealthyError: "Supabase REST unreachable: connection refused (ECONNREFUSED)",
  },
  fly: {
    degraded: { apps_total: 2, apps_reachable: 2, machines_total: 3, machines_started: 2, machines_unhealthy: 1, apps: [] },
    degradedError: "1 Fly machine unhealthy: runtime/abc (state failed)",
    unhealthy: { apps_total: 2, apps_reachable: 0, machines_total: 0, machines_started: 0, machines_unhealthy: 0, apps: [] },
    unhealthyError: "No Fly app reachable: Fly API answered HTTP 503",
  },
  vercel: {
    degraded: { deployments_24h: 30, errors_24h: 9, error_rate_24h: 0.3, truncated: false },
    degradedError: "Vercel deployment error rate 30% over the last 24 h (9 of 30 finished; threshold 10%)",
    unhealthy: { pages: 0 },
    unhealthyError: "Vercel API answered HTTP 500: internal error",
  },
  sentry: {
    degraded: { org: "acme", unresolved_count: 40, truncated: false, top: [] },
    degradedError: "40 unresolved Sentry issues seen in the last 24 h (threshold 10)",
    unhealthy: { org: "acme", pages: 0 },
    unhealthyError: "Sentry API timed out after 10000 ms",
  },
  doppler: {
    degraded: { workplace: "Acme", oldest_secret_age_days: 240.2, oldest_secret_name: "DATABASE_URL", age_status: "known" },
    degradedError: "Doppler secret DATABASE_URL is 240 days old (threshold 180)",
    unhealthy: {},
    unhealthyError: "Doppler API credentials rejected (HTTP 401)",
  },
};

const expected: Record<ProbeName, { degraded: string; unhealthy: string }> = {
  supabase: { degraded: "warning", unhealthy: "critical" },
  fly: { degraded: "warning", unhealthy: "critical" },
  vercel: { degraded: "warning", unhealthy: "critical" },
  sentry: { degraded: "warning", unhealthy: "warning" },
  doppler: { degraded: "warning", unhealthy: "critical" },
};

const figure: Record<ProbeName, { degraded: RegExp; unhealthy: RegExp }> = {
  supabase: { degraded: /connections 92%/, unhealthy: /REST down/ },
  fly: { degraded: /2 of 3 machines started, 1 unhealthy/, unhealthy: /0 of 2 apps reachable/ },
  vercel: { degraded: /error rate 30% over 24 h, 9 of 30 deployments failed/, unhealthy: /HTTP 500/ },
  sentry: { degraded: /40 unresolved issues/, unhealthy: /timed out/ },
  doppler: { degraded: /oldest secret DATABASE_URL at 240 days/, unhealthy: /HTTP 401/ },
};

describe.each(Object.keys(samples) as ProbeName[])("detectIssue for %s", (probe) => {
  const s = samples[probe];

  it("healthy -> no issue", () => {
    expect(detectIssue({ probe, status: "healthy", details: s.degraded, error: null })).toBeNull();
  });

  it("unconfigured -> never an issue", () => {
    expect(detectIssue({ probe, status: "unconfigured", details: {}, error: null })).toBeNull();
  });

  it(`degraded -> ${expected[probe].degraded} service_degraded with its figures`, () => {
    const issue = detectIssue({ probe, status: "degraded", details: s.degraded, error: s.degradedError });
    expect(issue).toMatchObject({ probe, severity: expected[probe].degraded, category: "service_degraded" });
    expect(issue?.title.length).toBeGreaterThan(5);
    expect(issue?.detail).toContain(s.degradedError);
    expect(issue?.detail).toMatch(figure[probe].degraded);
  });

  it(`unhealthy -> ${expected[probe].unhealthy} service_unhealthy with the error`, () => {
    const issue = detectIssue({ probe, status: "unhealthy", details: s.unhealthy, error: s.unhealthyError });
    expect(issue).toMatchObject({ probe, severity: expected[probe].unhealthy, category: "service_unhealthy" });
    expect(issue?.detail).toMatch(figure[probe].unhealthy);
  });

  it.each([
    ["an unknown status", { probe, status: "on fire", details: {}, error: null }],
    ["details that are not an object", { probe, status: "unhealthy", details: "down", error: "x" }],
    ["a numeric error", { probe, status: "degraded", details: {}, error: 503 }],
    ["a missing status", { probe, details: {}, error: null }],
    ["null", null],
  ])("malformed (%s) -> no issue and a logged warning, never a throw", (_, snapshot) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(detectIssue(snapshot)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("malformed snapshot"));
  });

  it("a rate-limited answer is not an issue about the vendor", () => {
    expect(detectIssue({ probe, status: "degraded", details: { rate_limited: true, retry_after_s: 30 }, error: "rate limited" })).toBeNull();
  });
});

describe("special cases", () => {
  it("an unknown probe is malformed, not a crash", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(detectIssue({ probe: "heroku", status: "unhealthy", details: {}, error: "down" })).toBeNull();
  });

  it("strange figure types never leak into the detail", () => {
    const issue = detectIssue({ probe: "fly", status: "degraded", details: { machines_started: "many", machines_total: {} }, error: null });
    expect(issue?.detail).toBe("fly reported degraded.");
  });
});
