import { describe, expect, it } from "vitest";
import { describeFigures } from "@/lib/detect/describe-figures";
import { probeNames } from "@/lib/probes/types";

// The operator reads these words first on a card, in Slack and in the investigator's prompt: pinned exactly.

describe("describeFigures with nothing it recognises", () => {
  it.each(probeNames)("%s: empty details give no words at all", (probe) => {
    expect(describeFigures(probe, {})).toBe("");
  });

  it.each(probeNames)("%s: figures of the wrong type give no words, never 'undefined' or 'NaN'", (probe) => {
    const strange = {
      rest: 1, auth: null, connections_pct: "92",
      machines_started: "2", machines_total: null, machines_unhealthy: "1", apps_reachable: true, apps_total: [],
      error_rate_24h: "0.3", errors_24h: {}, deployments_24h: "30",
      unresolved_count: "40", truncated: true,
      oldest_secret_age_days: "240", oldest_secret_name: 42,
    };
    expect(describeFigures(probe, strange)).toBe("");
  });

  it.each(probeNames)("%s: non-finite numbers are not figures", (probe) => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const details = {
        connections_pct: bad,
        machines_started: bad, machines_total: bad, machines_unhealthy: bad, apps_reachable: bad, apps_total: bad,
        error_rate_24h: bad, errors_24h: bad, deployments_24h: bad,
        unresolved_count: bad,
        oldest_secret_age_days: bad, oldest_secret_name: "DATABASE_URL",
      };
      expect(describeFigures(probe, details)).toBe("");
    }
  });
});

describe("describeFigures for supabase", () => {
  it("names REST, auth and connection pressure, in that order", () => {
    expect(describeFigures("supabase", { rest: "up", auth: "down", connections_pct: 92 })).toBe("REST up, auth down, connections 92%");
  });

  it("rounds connection pressure to a whole percent", () => {
    expect(describeFigures("supabase", { connections_pct: 91.5 })).toBe("connections 92%");
    expect(describeFigures("supabase", { connections_pct: 80.4 })).toBe("connections 80%");
    expect(describeFigures("supabase", { connections_pct: 0 })).toBe("connections 0%");
  });

  it("leaves out each missing figure without a stray separator", () => {
    expect(describeFigures("supabase", { rest: "down" })).toBe("REST down");
    expect(describeFigures("supabase", { auth: "down" })).toBe("auth down");
    expect(describeFigures("supabase", { rest: "up", connections_pct: null })).toBe("REST up");
    expect(describeFigures("supabase", { auth: "up", connections_pct: 85 })).toBe("auth up, connections 85%");
  });
});

describe("describeFigures for fly", () => {
  it("names machines started, unhealthy machines and apps reachable, in that order", () => {
    const details = { machines_started: 2, machines_total: 3, machines_unhealthy: 1, apps_reachable: 1, apps_total: 2 };
    expect(describeFigures("fly", details)).toBe("2 of 3 machines started, 1 unhealthy, 1 of 2 apps reachable");
  });

  it("says nothing about unhealthy machines when there are none", () => {
    expect(describeFigures("fly", { machines_started: 3, machines_total: 3, machines_unhealthy: 0 })).toBe("3 of 3 machines started");
    expect(describeFigures("fly", { machines_unhealthy: 2 })).toBe("2 unhealthy");
  });

  it("reports zero of zero rather than hiding an empty fleet", () => {
    expect(describeFigures("fly", { machines_started: 0, machines_total: 0, apps_reachable: 0, apps_total: 2 })).toBe(
      "0 of 0 machines started, 0 of 2 apps reachable",
    );
  });

  it("needs both halves of a ratio", () => {
    expect(describeFigures("fly", { machines_started: 2, apps_total: 2 })).toBe("");
    expect(describeFigures("fly", { machines_total: 3, apps_reachable: 1 })).toBe("");
  });
});

describe("describeFigures for vercel", () => {
  it("names the error rate and the failed deployments", () => {
    expect(describeFigures("vercel", { error_rate_24h: 0.3, errors_24h: 9, deployments_24h: 30 })).toBe(
      "error rate 30% over 24 h, 9 of 30 deployments failed",
    );
  });

  it("shows the rate as a percentage to one decimal", () => {
    expect(describeFigures("vercel", { error_rate_24h: 0.1234 })).toBe("error rate 12.3% over 24 h");
    expect(describeFigures("vercel", { error_rate_24h: 0.10049 })).toBe("error rate 10% over 24 h");
    expect(describeFigures("vercel", { error_rate_24h: 1 })).toBe("error rate 100% over 24 h");
    expect(describeFigures("vercel", { error_rate_24h: 0 })).toBe("error rate 0% over 24 h");
  });

  it("needs both counts for the deployments figure", () => {
    expect(describeFigures("vercel", { errors_24h: 9 })).toBe("");
    expect(describeFigures("vercel", { deployments_24h: 30 })).toBe("");
    expect(describeFigures("vercel", { errors_24h: 0, deployments_24h: 0 })).toBe("0 of 0 deployments failed");
  });
});

describe("describeFigures for sentry", () => {
  it("counts unresolved issues", () => {
    expect(describeFigures("sentry", { unresolved_count: 40, truncated: false })).toBe("40 unresolved issues");
    expect(describeFigures("sentry", { unresolved_count: 0 })).toBe("0 unresolved issues");
  });

  it("marks a count cut short by the page cap with a plus", () => {
    expect(describeFigures("sentry", { unresolved_count: 100, truncated: true })).toBe("100+ unresolved issues");
  });
});

describe("describeFigures for doppler", () => {
  it("names the oldest secret and its age in whole days, rounded down", () => {
    expect(describeFigures("doppler", { oldest_secret_age_days: 240.9, oldest_secret_name: "DATABASE_URL" })).toBe(
      "oldest secret DATABASE_URL at 240 days",
    );
    expect(describeFigures("doppler", { oldest_secret_age_days: 180, oldest_secret_name: "STRIPE_KEY" })).toBe(
      "oldest secret STRIPE_KEY at 180 days",
    );
  });

  it("needs both the age and the name", () => {
    expect(describeFigures("doppler", { oldest_secret_age_days: 240 })).toBe("");
    expect(describeFigures("doppler", { oldest_secret_name: "DATABASE_URL" })).toBe("");
  });
});
