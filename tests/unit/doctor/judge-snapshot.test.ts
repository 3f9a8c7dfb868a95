import { describe, expect, it } from "vitest";
import { judgeSnapshot } from "@/lib/doctor/check-probe";
import { parseEnv } from "@/lib/env";
import type { ProbeName, ProbeSnapshot, ProbeStatus } from "@/lib/probes/types";

const env = parseEnv({});
const snapshot = (probe: ProbeName, status: ProbeStatus, error: string | null, details: Record<string, unknown> = {}): ProbeSnapshot => ({
  probe,
  status,
  error,
  details,
  latencyMs: 12,
  observedAt: new Date("2026-11-25T12:00:00Z"),
});

describe("judgeSnapshot", () => {
  it("passes a healthy snapshot with nothing to say", () => {
    expect(judgeSnapshot(snapshot("sentry", "healthy", null), env)).toEqual({ verdict: "ok", reachable: true, problems: [], fixes: [], notes: [] });
  });

  it("fails rejected credentials, with the vendor's sentence and the fix", () => {
    const judged = judgeSnapshot(snapshot("doppler", "unhealthy", "Doppler API credentials rejected (HTTP 401): Invalid Auth token"), env);
    expect(judged.verdict).toBe("fail");
    expect(judged.reachable).toBe(true);
    expect(judged.problems).toEqual(["Doppler API credentials rejected (HTTP 401): Invalid Auth token"]);
    expect(judged.fixes).toMatchObject([{ level: "fail", kind: "unauthorized", status: 401, sentence: expect.stringContaining("DOPPLER_TOKEN") }]);
  });

  it("warns, not fails, when the credentials work and the vendor's figures are the problem", () => {
    const judged = judgeSnapshot(snapshot("vercel", "degraded", "Vercel deployment error rate 30% over the last 24 h (threshold 10%)"), env);
    expect(judged.verdict).toBe("warn");
    expect(judged.fixes).toEqual([]);
    expect(judged.problems).toEqual(["Vercel deployment error rate 30% over the last 24 h (threshold 10%)"]);
    expect(judged.notes).toEqual([expect.stringContaining("The credentials work")]);
  });

  it("warns on a rate limit: the vendor answered, and did not refuse the token", () => {
    const judged = judgeSnapshot(snapshot("sentry", "degraded", "Sentry API rate limited (retry after 30 s)", { rate_limited: true }), env);
    expect(judged.verdict).toBe("warn");
    expect(judged.fixes).toMatchObject([{ level: "warn", kind: "rate_limited" }]);
  });

  it("fails an unreachable vendor and says it was not reached", () => {
    const judged = judgeSnapshot(snapshot("sentry", "unhealthy", "Sentry API unreachable: connection refused (ECONNREFUSED)"), env);
    expect(judged).toMatchObject({ verdict: "fail", reachable: false, fixes: [{ level: "fail", kind: "network" }] });
  });

  it("fails an outage on the call that decides the status, but only warns on a partial one", () => {
    expect(judgeSnapshot(snapshot("vercel", "unhealthy", "Vercel API answered HTTP 503: down"), env).verdict).toBe("fail");
    const partial = judgeSnapshot(snapshot("supabase", "degraded", "Supabase Auth answered HTTP 503: down", { rest: "up" }), env);
    expect(partial).toMatchObject({ verdict: "warn", fixes: [{ level: "warn", kind: "server_error" }] });
  });

  it("fails a wrong Fly app even while the other app answers, naming the wrong one", () => {
    const details = {
      apps: [
        { app: "runtime", reachable: true, error: null },
        { app: "typo", reachable: false, error: "Fly API answered HTTP 404: app not found" },
      ],
    };
    const judged = judgeSnapshot(snapshot("fly", "degraded", "Fly app typo unreachable: Fly API answered HTTP 404: app not found", details), env);
    expect(judged.verdict).toBe("fail");
    expect(judged.fixes).toMatchObject([{ level: "fail", kind: "not_found", sentence: expect.stringContaining('"typo"') }]);
    expect(judged.notes).toEqual([]);
  });

  it("says one fix once when every Fly app was refused the same way", () => {
    const error = "Fly API credentials rejected (HTTP 401): token validation error";
    const details = { apps: [{ app: "a", error }, { app: "b", error }] };
    expect(judgeSnapshot(snapshot("fly", "unhealthy", `No Fly app reachable: a: ${error}; b: ${error}`, details), env).fixes).toHaveLength(1);
  });

  it("fails a configured Supabase token the Management API refuses, though the probe is healthy", () => {
    const details = { rest: "up", management_error: "Supabase Management API credentials rejected (HTTP 401): Unauthorized", metrics_error: null };
    const judged = judgeSnapshot(snapshot("supabase", "healthy", null, details), env);
    expect(judged.verdict).toBe("fail");
    expect(judged.problems).toEqual([details.management_error]);
    expect(judged.fixes).toMatchObject([{ level: "fail", sentence: expect.stringContaining("SUPABASE_ACCESS_TOKEN") }]);
  });

  it("keeps an optional source's remark as a note", () => {
    const details = { rest: "up", management_error: "Supabase Management API skipped: the project ref is unknown (set SUPABASE_PROJECT_REF)" };
    expect(judgeSnapshot(snapshot("supabase", "healthy", null, details), env)).toMatchObject({ verdict: "ok", notes: [details.management_error], fixes: [] });
  });

  it("warns when a Doppler token may not read the config logs, and fails when a named config does not exist", () => {
    const forbidden = { age_note: "Config logs unreadable: Doppler API credentials rejected (HTTP 403): no access" };
    expect(judgeSnapshot(snapshot("doppler", "healthy", null, forbidden), env)).toMatchObject({ verdict: "warn", fixes: [{ level: "warn", kind: "forbidden" }] });

    const missing = { age_note: "Secret names unreadable: Doppler API answered HTTP 404: Could not find requested config" };
    expect(judgeSnapshot(snapshot("doppler", "healthy", null, missing), env).verdict).toBe("warn");
    const named = parseEnv({ DOPPLER_PROJECT: "backend", DOPPLER_CONFIG: "prd" });
    expect(judgeSnapshot(snapshot("doppler", "healthy", null, missing), named)).toMatchObject({
      verdict: "fail",
      fixes: [{ level: "fail", sentence: expect.stringContaining('"backend/prd"') }],
    });
  });

  it("fails a probe that broke inside Lookout, and says so", () => {
    const judged = judgeSnapshot(snapshot("vercel", "unhealthy", "internal probe error: boom"), env);
    expect(judged).toMatchObject({ verdict: "fail", reachable: false, fixes: [{ kind: "internal", sentence: expect.stringContaining("inside Lookout") }] });
  });
});
