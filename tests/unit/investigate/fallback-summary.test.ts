import { describe, expect, it } from "vitest";
import { buildFallbackSummary } from "@/lib/investigate/fallback-summary";
import type { InvestigationRequest } from "@/lib/investigate/types";
import type { ProbeName } from "@/lib/probes/types";
import { makeRequest } from "./request-fixtures";

const noKey = "AI investigation unavailable: no Anthropic API key is configured. This part is built from the probe's figures alone.";
const lines = (...text: string[]) => text.join("\n");

/** The probe's request with these stored snapshot details instead of the fixture's. */
function withDetails(probe: ProbeName, details: unknown, overrides: Partial<InvestigationRequest> = {}): InvestigationRequest {
  const request = makeRequest(probe, overrides);
  return { ...request, snapshot: { ...request.snapshot, details } };
}

/** Only the figure lines: what sits between the request's title and detail and the closing line. */
const figures = (request: InvestigationRequest) => buildFallbackSummary(request, "no_api_key").split("\n").slice(2, -1);

describe("buildFallbackSummary", () => {
  it.each([
    [
      "fly",
      [
        "Warning: Fly machine unhealthy",
        "1 Fly machine unhealthy: lookout-runtime/d8901e2f (check http critical)",
        "Machines unhealthy: 1 of 2",
        "Apps reachable: 1 of 1",
        "- lookout-runtime/d8901e2f (runtime-web-1): check http critical",
      ],
    ],
    [
      "vercel",
      [
        "Warning: Vercel deployments failing",
        "Vercel deployment error rate 25% over the last 24 h",
        "Deployment error rate (24 h): 25% (5 failed, 15 ready)",
      ],
    ],
    [
      "sentry",
      [
        "Warning: Sentry issues piling up",
        "14 unresolved Sentry issues seen in the last 24 h (threshold 10)",
        "Unresolved issues: 14",
        "- TypeError: x is undefined",
        "- Timeout in /api/pay",
      ],
    ],
    [
      "doppler",
      ["Warning: Doppler secret ageing", "Doppler secret STRIPE_SECRET_KEY is 212 days old (threshold 180)", "Oldest secret: STRIPE_SECRET_KEY, 212 days old"],
    ],
    [
      "supabase",
      ["Warning: Supabase connections high", "Supabase connections at 91.5% of max_connections (threshold 80%)", "REST up, auth up, connections 91.5% of max"],
    ],
  ] as const)("gives a %s issue's title, detail, key figures and why the AI was unavailable, one per line", (probe, expected) => {
    expect(buildFallbackSummary(makeRequest(probe), "no_api_key")).toBe(lines(...expected, noKey));
  });

  it("leads with \"Critical\" for a critical issue", () => {
    const text = buildFallbackSummary(makeRequest("vercel", { severity: "critical" }), "no_api_key");
    expect(text.split("\n")[0]).toBe("Critical: Vercel deployments failing");
  });

  it("names the reason the AI was unavailable, with the engine's detail when there is one", () => {
    const budget = buildFallbackSummary(makeRequest("doppler"), "budget_exhausted", { detail: "$5.0000 of the $5.00 daily AI budget spent today (UTC)" });
    expect(budget.split("\n").at(-1)).toBe(
      "AI investigation unavailable: today's AI budget is spent ($5.0000 of the $5.00 daily AI budget spent today (UTC)). This part is built from the probe's figures alone.",
    );
    const failed = buildFallbackSummary(makeRequest("doppler"), "api_error", { detail: null });
    expect(failed.split("\n").at(-1)).toBe("AI investigation unavailable: the Anthropic API failed. This part is built from the probe's figures alone.");
  });

  it("leaves the envelope and every fix to the \"Lookout did\" part, which is written from the records", () => {
    const text = buildFallbackSummary(makeRequest("fly", { enabled: true }), "api_error", { detail: "Anthropic API is overloaded (529 overloaded_error) after 2 retries" });
    expect(text).not.toMatch(/envelope|autofix|restart/i);
    expect(text).toContain("the Anthropic API failed (Anthropic API is overloaded (529 overloaded_error) after 2 retries)");
  });

  it("adds the probe's error only when it says more than the issue's detail", () => {
    const differs = withDetails("supabase", { rest: "down", auth: "up" });
    differs.snapshot.error = "Supabase REST: 503 Service Unavailable";
    expect(buildFallbackSummary(differs, "no_api_key")).toBe(
      lines(
        "Warning: Supabase connections high",
        "Supabase connections at 91.5% of max_connections (threshold 80%)",
        "Probe error: Supabase REST: 503 Service Unavailable",
        "REST down, auth up",
        noKey,
      ),
    );
    const none = withDetails("supabase", { rest: "down", auth: "up" });
    none.snapshot.error = null;
    expect(figures(none)).toEqual(["REST down, auth up"]);
  });

  it.each([null, undefined, "unreadable"])("is deterministic and survives a snapshot whose details are %s", (details) => {
    const request = withDetails("fly", details);
    request.snapshot.error = "the snapshot of this wake is no longer stored";
    const text = buildFallbackSummary(request, "api_error");
    expect(text).toBe(buildFallbackSummary(request, "api_error"));
    expect(text).toBe(
      lines(
        "Warning: Fly machine unhealthy",
        "1 Fly machine unhealthy: lookout-runtime/d8901e2f (check http critical)",
        "Probe error: the snapshot of this wake is no longer stored",
        "AI investigation unavailable: the Anthropic API failed. This part is built from the probe's figures alone.",
      ),
    );
  });

  it.each(["", "   "])("leaves no blank line when the issue's detail is empty (%j)", (detail) => {
    const request = makeRequest("doppler", { detail });
    expect(buildFallbackSummary(request, "no_api_key")).toBe(
      lines(
        "Warning: Doppler secret ageing",
        "Probe error: Doppler secret STRIPE_SECRET_KEY is 212 days old (threshold 180)",
        "Oldest secret: STRIPE_SECRET_KEY, 212 days old",
        noKey,
      ),
    );
  });

  describe("Fly", () => {
    it("lists each unhealthy machine with its name and every reason when it has them", () => {
      const request = withDetails("fly", {
        apps: [
          {
            app: "web",
            unhealthy: [
              { id: "m1", name: "", reasons: ["check http critical", "exit code 137"] },
              { id: "m2", name: null, reasons: [] },
              { id: "m3", reasons: ["oom"] },
              { id: "m4", name: "web-4" },
            ],
          },
        ],
        apps_total: 1,
        apps_reachable: 1,
        machines_total: 4,
        machines_unhealthy: 4,
      });
      expect(figures(request)).toEqual([
        "Machines unhealthy: 4 of 4",
        "Apps reachable: 1 of 1",
        "- web/m1: check http critical, exit code 137",
        "- web/m2",
        "- web/m3: oom",
        "- web/m4 (web-4)",
      ]);
    });

    it("lists at most five unhealthy machines across apps", () => {
      const machines = (app: string, ids: string[]) => ({ app, unhealthy: ids.map((id) => ({ id, name: `${app}-${id}`, reasons: ["stopped"] })) });
      const request = withDetails("fly", { apps: [machines("web", ["a", "b", "c", "d"]), machines("worker", ["e", "f"])], machines_unhealthy: 6, machines_total: 6 });
      expect(figures(request)).toEqual([
        "Machines unhealthy: 6 of 6",
        "- web/a (web-a): stopped",
        "- web/b (web-b): stopped",
        "- web/c (web-c): stopped",
        "- web/d (web-d): stopped",
        "- worker/e (worker-e): stopped",
      ]);
    });

    it("writes \"?\" for a total or a reachable count the probe could not give", () => {
      expect(figures(withDetails("fly", { apps: [], apps_total: 3, machines_unhealthy: 2 }))).toEqual(["Machines unhealthy: 2 of ?", "Apps reachable: ? of 3"]);
    });

    it("gives no figure for counts the snapshot does not hold, nor machines for a snapshot without apps", () => {
      expect(figures(withDetails("fly", { machines_unhealthy: null, apps_total: "" }))).toEqual([]);
    });
  });

  describe("Vercel", () => {
    it("gives the error rate to one decimal, with \"?\" for counts the snapshot does not hold", () => {
      expect(figures(withDetails("vercel", { error_rate_24h: 1 / 3 }))).toEqual(["Deployment error rate (24 h): 33.3% (? failed, ? ready)"]);
    });

    it("gives no figure when the error rate is unknown", () => {
      expect(figures(withDetails("vercel", { deployments_24h: 0, ready_24h: 0, errors_24h: 0, error_rate_24h: null }))).toEqual([]);
    });
  });

  describe("Sentry", () => {
    it("says the count is a lower bound when the listing was truncated, and lists the titled issues among the first three", () => {
      const request = withDetails("sentry", {
        unresolved_count: 100,
        truncated: true,
        top: [{ title: "A" }, { culprit: "no title" }, { title: "C" }, { title: "D" }, { title: "E" }],
      });
      expect(figures(request)).toEqual(["Unresolved issues: 100 (at least)", "- A", "- C"]);
    });

    it("gives no figure when the unresolved count is unknown", () => {
      expect(figures(withDetails("sentry", { unresolved_count: null, top: [{ title: "A" }] }))).toEqual([]);
    });
  });

  describe("Doppler", () => {
    it("gives the note on secret ages when no secret could be dated, and nothing when there is no note either", () => {
      const note = "Config logs unreadable: 403 Forbidden";
      expect(figures(withDetails("doppler", { oldest_secret_age_days: null, oldest_secret_name: null, age_note: note }))).toEqual([`Secret ages: ${note}`]);
      expect(figures(withDetails("doppler", { oldest_secret_age_days: null, age_note: null }))).toEqual([]);
    });

    it("says the age is a lower bound, \"?\" for a missing name, and how many secrets are not yet dated", () => {
      const request = withDetails("doppler", { oldest_secret_age_days: 212, age_lower_bound: true, secrets_undated: 2 });
      expect(figures(request)).toEqual(["Oldest secret: ?, at least 212 days old", "Not yet dated: 2 secret(s)"]);
    });

    it.each([0, null, "3"])("says nothing of undated secrets when their count is %j", (undated) => {
      const request = withDetails("doppler", { oldest_secret_age_days: 30, oldest_secret_name: "API_KEY", secrets_undated: undated });
      expect(figures(request)).toEqual(["Oldest secret: API_KEY, 30 days old"]);
    });
  });

  describe("Supabase", () => {
    it("writes \"?\" for a service the snapshot does not cover and leaves out an unknown connection pressure", () => {
      expect(figures(withDetails("supabase", { connections_pct: null }))).toEqual(["REST ?, auth ?"]);
      expect(figures(withDetails("supabase", { rest: "up", auth: "down", connections_pct: "" }))).toEqual(["REST up, auth down"]);
    });
  });
});
