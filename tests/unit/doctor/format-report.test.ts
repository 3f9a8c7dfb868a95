import { describe, expect, it } from "vitest";
import { formatConfigProblems, formatReport } from "@/lib/doctor/format-report";
import { countVerdicts, decideExitCode } from "@/lib/doctor/run-doctor";
import { createCheck, type DoctorCheck, type DoctorReport } from "@/lib/doctor/types";

const longFix =
  "Fly has no app \"lookout-typo\" that this token can see (HTTP 404): check its name in FLY_APPS against `fly apps list`, and that the token belongs to the organization that owns it.";

const checks: DoctorCheck[] = [
  createCheck("supabase", "Supabase", { endpoint: "abcd.supabase.co", reachable: true, latencyMs: 84, figures: [{ label: "REST API", value: "Up", tone: "good" }] }),
  createCheck("fly", "Fly.io", {
    verdict: "fail",
    endpoint: "api.machines.dev",
    reachable: true,
    latencyMs: 120,
    figures: [{ label: "lookout-runtime", value: "2 of 2 started" }],
    problems: ["Fly app lookout-typo unreachable: Fly API answered HTTP 404: app not found"],
    fixes: [{ level: "fail", kind: "not_found", status: 404, sentence: longFix }],
  }),
  createCheck("vercel", "Vercel", { verdict: "unconfigured", configured: false, missing: ["VERCEL_TOKEN"] }),
  createCheck("sentry", "Sentry", { verdict: "warn", endpoint: "sentry.io", reachable: true, latencyMs: 300, problems: ["14 unresolved Sentry issues"], notes: ["The credentials work."] }),
  createCheck("doppler", "Doppler", { verdict: "fail", endpoint: "api.doppler.com", reachable: false, latencyMs: 10_001 }),
  createCheck("anthropic", "Anthropic", { verdict: "skipped", notes: ["Not called: npm run doctor -- --ai makes a one-token call."] }),
];

function report(list: DoctorCheck[]): DoctorReport {
  const exitCode = decideExitCode(list);
  return { ok: exitCode === 0, exitCode, ai: false, counts: countVerdicts(list), checks: list };
}

describe("formatReport", () => {
  const text = formatReport(report(checks));
  const lines = text.split("\n");

  it("aligns every check's verdict and text in columns", () => {
    const heads = lines.filter((l) => /^[A-Z]/.test(l) && !l.startsWith("Lookout doctor") && !/^\d/.test(l));
    expect(heads.map((l) => l.slice(0, 17))).toEqual(["Supabase   OK    ", "Fly.io     FAIL  ", "Vercel     -     ", "Sentry     WARN  ", "Doppler    FAIL  ", "Anthropic  SKIP  "]);
    expect(text).toContain("Supabase   OK    abcd.supabase.co answered in 84 ms\n                 REST API  Up\n");
    expect(text).toContain("Vercel     -     not configured (missing VERCEL_TOKEN)\n");
    expect(text).toContain("Doppler    FAIL  no answer from api.doppler.com (gave up after 10001 ms)\n");
    expect(text).toContain("Anthropic  SKIP  Not called: npm run doctor -- --ai makes a one-token call.\n");
  });

  it("lines up what a check saw, its problem and its fix under it", () => {
    const fly = lines.slice(lines.findIndex((l) => l.startsWith("Fly.io")), lines.findIndex((l) => l.startsWith("Vercel")));
    expect(fly).toEqual([
      "Fly.io     FAIL  api.machines.dev answered in 120 ms",
      "                 lookout-runtime  2 of 2 started",
      "                 problem          Fly app lookout-typo unreachable: Fly API answered HTTP 404: app not found",
      `                 fix              ${longFix}`,
    ]);
    expect(text).toContain("                 problem  14 unresolved Sentry issues\n                 note     The credentials work.\n");
  });

  it("ends with the counts and what the exit code means", () => {
    expect(text).toMatch(/\n\n1 ok, 1 with a warning, 2 failed, 1 not configured, 1 not called\. Exit code 1: something configured does not work; see the fix lines\.\n$/);
    const fine = formatReport(report(checks.filter((c) => c.verdict !== "fail")));
    expect(fine).toContain("Exit code 0: everything configured works; the warnings are what the vendors report right now.");
  });

  it("wraps long lines under their own column on a terminal, and never when piped", () => {
    expect(lines.some((l) => l.length > 100)).toBe(true);
    const wrapped = formatReport(report(checks), { width: 80 }).split("\n");
    expect(wrapped.every((l) => l.length <= 80)).toBe(true);
    const fix = wrapped.findIndex((l) => l.includes("fix              Fly has no app"));
    expect(wrapped[fix + 1]).toMatch(/^ {34}\S/);
  });
});

describe("the exit code", () => {
  it("is 1 only when something configured does not work", () => {
    expect(decideExitCode(checks)).toBe(1);
    expect(decideExitCode(checks.filter((c) => c.verdict !== "fail"))).toBe(0);
    expect(decideExitCode([createCheck("vercel", "Vercel", { verdict: "unconfigured" }), createCheck("anthropic", "Anthropic", { verdict: "skipped" })])).toBe(0);
  });
});

describe("formatConfigProblems", () => {
  it("lists each problem the way the server does", () => {
    expect(formatConfigProblems(["FLY_API_URL: must be an http(s) URL"])).toBe(
      "Invalid configuration:\n  - FLY_API_URL: must be an http(s) URL\nFix these in .env (see .env.example) and run npm run doctor again.\n",
    );
  });
});
