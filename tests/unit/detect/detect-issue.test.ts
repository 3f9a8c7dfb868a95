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

describe("the issue's detail", () => {
  it("joins the probe's error and its figures with a dash", () => {
    const issue = detectIssue({ probe: "supabase", status: "degraded", details: { connections_pct: 92 }, error: "Connections high" });
    expect(issue?.detail).toBe("Connections high — connections 92%");
  });

  it("is the error alone when no figure is known", () => {
    const issue = detectIssue({ probe: "sentry", status: "unhealthy", details: { org: "acme" }, error: "Sentry API timed out after 10000 ms" });
    expect(issue?.detail).toBe("Sentry API timed out after 10000 ms");
  });

  it("is the figures alone when there is no error", () => {
    const issue = detectIssue({ probe: "vercel", status: "degraded", details: { error_rate_24h: 0.3, errors_24h: 9, deployments_24h: 30 }, error: null });
    expect(issue?.detail).toBe("error rate 30% over 24 h, 9 of 30 deployments failed");
  });

  it("treats an empty error as no error", () => {
    expect(detectIssue({ probe: "sentry", status: "degraded", details: { unresolved_count: 12 }, error: "" })?.detail).toBe("12 unresolved issues");
    expect(detectIssue({ probe: "doppler", status: "unhealthy", details: {}, error: "" })?.detail).toBe("doppler reported unhealthy.");
  });

  it("falls back to naming the probe and its status when there is nothing else to say", () => {
    expect(detectIssue({ probe: "supabase", status: "unhealthy", details: {}, error: null })?.detail).toBe("supabase reported unhealthy.");
  });
});

describe("the issue's rule", () => {
  it("carries the exact title, severity and category of the probe's rule", () => {
    expect(detectIssue({ probe: "fly", status: "degraded", details: {}, error: "1 machine failed" })).toEqual({
      probe: "fly",
      severity: "warning",
      category: "service_degraded",
      title: "Fly.io machines are unhealthy",
      detail: "1 machine failed",
    });
    expect(detectIssue({ probe: "doppler", status: "unhealthy", details: {}, error: "HTTP 401" })).toEqual({
      probe: "doppler",
      severity: "critical",
      category: "service_unhealthy",
      title: "Doppler credentials are unreachable",
      detail: "HTTP 401",
    });
  });

  it("an unconfigured or healthy snapshot is no issue even when it carries an error", () => {
    expect(detectIssue({ probe: "fly", status: "unconfigured", details: {}, error: "FLY_API_TOKEN is not set" })).toBeNull();
    expect(detectIssue({ probe: "fly", status: "healthy", details: {}, error: "slow answer" })).toBeNull();
  });
});

describe("rate limiting", () => {
  it("only an explicit rate_limited: true hides the issue", () => {
    for (const status of ["degraded", "unhealthy"] as const) {
      expect(detectIssue({ probe: "vercel", status, details: { rate_limited: true }, error: "HTTP 429" })).toBeNull();
    }
  });

  it.each([false, "true", 1, null])("rate_limited: %j is not a rate limit, so the issue stands", (value) => {
    const issue = detectIssue({ probe: "vercel", status: "unhealthy", details: { rate_limited: value }, error: "HTTP 500" });
    expect(issue).toMatchObject({ probe: "vercel", category: "service_unhealthy", detail: "HTTP 500" });
  });
});

describe("the warning logged for a malformed snapshot", () => {
  const logged = (snapshot: unknown): string => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(detectIssue(snapshot)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    return String(warn.mock.calls[0]![0]);
  };

  it("names each bad field with zod's reason, separated by semicolons", () => {
    const message = logged({ probe: "fly", status: "degraded", details: "down", error: 503 });
    expect(message).toMatch(/^\[lookout\] detector skipped a malformed snapshot: details: [^;]+; error: [^;]+$/);
    expect(message).toContain("details: Invalid input: expected record, received string");
    expect(message).toContain("error: Invalid input: expected string, received number");
  });

  it("names a single bad field without a trailing separator", () => {
    const message = logged({ probe: "fly", status: "on fire", details: {}, error: null });
    expect(message).toMatch(/^\[lookout\] detector skipped a malformed snapshot: status: Invalid option: expected one of [^;]+$/);
  });

  it("joins a nested path with dots, and survives a key that is not a string", () => {
    const key = Symbol("k");
    const message = logged({ probe: "fly", status: "degraded", details: { [key]: 1 }, error: null });
    expect(message).toMatch(/^\[lookout\] detector skipped a malformed snapshot: details\.Symbol\(k\): /);
  });
});
