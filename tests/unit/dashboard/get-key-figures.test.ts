import { describe, expect, it } from "vitest";
import { getKeyFigures } from "@/lib/dashboard/get-key-figures";
import { probeNames } from "@/lib/probes/types";

const byLabel = (figures: ReturnType<typeof getKeyFigures>) => Object.fromEntries(figures.map((f) => [f.label, f]));

describe("getKeyFigures", () => {
  it("shows Supabase REST and auth state and connection pressure", () => {
    const figures = byLabel(
      getKeyFigures("supabase", {
        project_ref: "abcd",
        rest: "up",
        auth: "down",
        auth_version: "v2.170.0",
        services: [
          { name: "db", status: "ACTIVE_HEALTHY" },
          { name: "realtime", status: "UNHEALTHY" },
        ],
        connections_pct: 83.6,
      }),
    );
    expect(figures["REST API"]).toMatchObject({ value: "Up", tone: "good" });
    expect(figures["Auth"]).toMatchObject({ value: "Down", tone: "bad", detail: "Version v2.170.0" });
    expect(figures["Connections"]?.value).toBe("84 %");
    expect(figures["Services"]).toMatchObject({ value: "1 of 2 healthy", detail: "Not healthy: realtime" });
  });

  it("lists Fly machines per app and names the unhealthy ones", () => {
    const figures = getKeyFigures("fly", {
      apps: [
        {
          app: "acme-runtime",
          reachable: true,
          error: null,
          machines_total: 3,
          machines_started: 2,
          machines_unhealthy: 1,
          unhealthy: [{ id: "148e", name: "worker-1", region: "fra", state: "failed", reasons: ["state failed"] }],
        },
        { app: "acme-staging", reachable: true, error: null, machines_total: 1, machines_started: 1, machines_unhealthy: 0, unhealthy: [] },
        { app: "acme-jobs", reachable: false, error: "Fly API answered 503", machines_total: 0, machines_started: 0, machines_unhealthy: 0, unhealthy: [] },
      ],
      apps_total: 3,
      apps_reachable: 2,
    });
    expect(figures).toEqual([
      { label: "acme-runtime", value: "2 of 3 started, 1 unhealthy", tone: "warn", detail: "Unhealthy: worker-1 (fra, failed)" },
      { label: "acme-staging", value: "1 of 1 started" },
      { label: "acme-jobs", value: "Unreachable", tone: "bad" },
    ]);
  });

  it("shows the Vercel error rate and deployments of the last 24 h", () => {
    const figures = byLabel(
      getKeyFigures("vercel", {
        deployments_24h: 40,
        ready_24h: 34,
        errors_24h: 6,
        error_rate_24h: 0.15,
        pages: 2,
        truncated: true,
        latest: { state: "ERROR", target: "production", created_at: "2026-11-25T12:00:00Z" },
        recent_errors: [],
      }),
    );
    expect(figures["Error rate (24 h)"]?.value).toBe("15.0 %");
    expect(figures["Deployments (24 h)"]).toMatchObject({ value: "40+", detail: "34 ready, 6 failed" });
    expect(figures["Latest deployment"]).toMatchObject({ value: "Error", detail: "Production" });
    const withBlocked = byLabel(getKeyFigures("vercel", { deployments_24h: 5, ready_24h: 2, errors_24h: 1, blocked_24h: 2, error_rate_24h: 0.33 }));
    expect(withBlocked["Deployments (24 h)"]).toMatchObject({ value: "5", detail: "2 ready, 1 failed, 2 blocked" });
  });

  it("shows Sentry's unresolved count and top issue", () => {
    const figures = byLabel(
      getKeyFigures("sentry", {
        org: "acme",
        unresolved_count: 1234,
        pages: 1,
        truncated: false,
        top: [{ short_id: "WEB-3F", title: "TypeError: x is undefined", level: "error", count: 1, last_seen: "2026-11-25T12:00:00Z" }],
      }),
    );
    expect(figures["Unresolved issues"]?.value).toBe("1,234");
    expect(figures["Top issue"]).toMatchObject({ value: "TypeError: x is undefined", detail: "WEB-3F · error · 1 event" });
  });

  it("shows the oldest Doppler secret, a lower bound, or that its age is unknown", () => {
    const base = { workplace: "Acme", token_type: "service", secrets_tracked: 12 };
    const known = byLabel(
      getKeyFigures("doppler", { ...base, age_status: "known", oldest_secret_age_days: 212.4, oldest_secret_name: "STRIPE_KEY", age_lower_bound: false }),
    );
    expect(known["Oldest secret"]).toMatchObject({ value: "212 days", detail: "STRIPE_KEY" });
    expect(known["Workplace"]).toMatchObject({ value: "Acme", detail: "Service token" });

    const underscored = byLabel(getKeyFigures("doppler", { ...base, token_type: "service_token", age_status: "unknown" }));
    expect(underscored["Workplace"]?.detail).toBe("Service token");

    const bound = byLabel(getKeyFigures("doppler", { ...base, age_status: "known", oldest_secret_age_days: 1, age_lower_bound: true }));
    expect(bound["Oldest secret"]?.value).toBe("At least 1 day");

    const unknown = byLabel(
      getKeyFigures("doppler", { ...base, age_status: "unknown", oldest_secret_age_days: null, age_note: "Config logs unreadable: 403" }),
    );
    expect(unknown["Oldest secret"]).toMatchObject({ value: "Age unknown", detail: "Config logs unreadable: 403" });
  });

  it("says how many Doppler secrets are not yet dated instead of guessing their age", () => {
    const base = { workplace: "Acme", token_type: "service_token", secrets_tracked: 9 };
    const note = "3 secrets not yet dated (20 log reads a cycle; the next cycle reads further)";
    const partial = byLabel(
      getKeyFigures("doppler", { ...base, age_status: "partial", secrets_undated: 3, oldest_secret_age_days: 40.2, oldest_secret_name: "DATABASE_URL", age_note: note }),
    );
    expect(partial["Oldest dated secret"]).toMatchObject({ value: "40 days", detail: "DATABASE_URL" });
    expect(partial["Secrets tracked"]).toMatchObject({ value: "9", detail: note });

    const none = byLabel(getKeyFigures("doppler", { ...base, age_status: "unknown", secrets_undated: 9, oldest_secret_age_days: null, age_note: note }));
    expect(none["Oldest secret"]).toMatchObject({ value: "Not yet dated", detail: note });
  });

  it("puts a rate limit first", () => {
    const figures = getKeyFigures("sentry", { org: "acme", pages: 0, rate_limited: true, retry_after_s: 30 });
    expect(figures[0]).toEqual({ label: "Rate limited", value: "Retry in 30 s", tone: "warn" });
  });

  it("never throws on unexpected shapes and keeps the fields it can read", () => {
    const junk = [null, undefined, 42, "x", [], [1, 2], { apps: "nope", top: {}, rest: 1, unresolved_count: "9" }];
    for (const probe of probeNames) {
      for (const details of junk) expect(() => getKeyFigures(probe, details)).not.toThrow();
    }
    expect(getKeyFigures("vercel", {})).toEqual([]);
    const partial = getKeyFigures("fly", { apps: [null, { app: "a", machines_total: "3", machines_started: 1 }, 7] });
    expect(partial).toEqual([{ label: "a", value: "1 started" }]);
  });
});
