import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainFailure, readSubjects, type FailureSubjects } from "@/lib/doctor/explain-failure";
import type { Failure } from "@/lib/doctor/read-failures";
import { surfaceNames, surfaces, type SurfaceName } from "@/lib/doctor/surfaces";
import type { FailureKind } from "@/lib/doctor/types";
import { parseEnv } from "@/lib/env";

const subjects: FailureSubjects = {
  app: "lookout-typo",
  sentryOrg: "acme-typo",
  supabaseRef: "abcdref",
  vercelProject: "prj_123",
  vercelTeam: "team_456",
  dopplerProject: "backend",
  dopplerConfig: "prd",
};

const statusOf: Partial<Record<FailureKind, number>> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rejected: 400,
  redirect: 301,
  server_error: 502,
  rate_limited: 429,
};

function failure(surface: SurfaceName, kind: FailureKind, extra: Partial<Failure> = {}): Failure {
  return { surface, kind, status: statusOf[kind] ?? null, retryAfterS: null, timeoutMs: null, detail: null, ...extra };
}

const explain = (surface: SurfaceName, kind: FailureKind, s: FailureSubjects = subjects, extra: Partial<Failure> = {}) =>
  explainFailure(failure(surface, kind, extra), s);

const allKinds: FailureKind[] = ["unauthorized", "forbidden", "not_found", "rejected", "redirect", "rate_limited", "server_error", "timeout", "network", "malformed", "internal"];

describe("explainFailure", () => {
  it.each(surfaceNames)("gives %s a distinct sentence for 401, 403 and 404, each with its status", (surface) => {
    const sentences = (["unauthorized", "forbidden", "not_found"] as const).map((kind) => explain(surface, kind));
    expect(new Set(sentences).size).toBe(3);
    sentences.forEach((sentence, i) => expect(sentence).toContain(`HTTP ${[401, 403, 404][i]}`));
  });

  it.each(surfaceNames)("names a variable to check for every configuration answer and reach problem of %s", (surface) => {
    for (const kind of ["unauthorized", "forbidden", "not_found", "rejected", "redirect", "timeout", "network", "malformed"] as const) {
      expect(explain(surface, kind), kind).toMatch(/\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/);
    }
  });

  it("names the rejected credential on a 401", () => {
    for (const surface of surfaceNames) expect(explain(surface, "unauthorized")).toContain(surfaces[surface].credential);
  });

  it("writes one finished sentence for every API and kind", () => {
    for (const surface of surfaceNames) {
      for (const kind of allKinds) {
        const sentence = explain(surface, kind);
        expect(sentence, `${surface} ${kind}`).toMatch(/^[A-Z"].{20,}\.$/);
        expect(sentence).not.toContain("undefined");
        expect(sentence).not.toContain("null");
      }
    }
  });

  it("quotes the wrong name for a wrong Fly app, Sentry org, Supabase project, Vercel project and Doppler config", () => {
    expect(explain("Fly API", "not_found")).toBe(
      'Fly has no app "lookout-typo" that this token can see (HTTP 404): check its name in FLY_APPS against `fly apps list`.',
    );
    expect(explain("Sentry API", "not_found")).toContain('Sentry has no organization "acme-typo"');
    expect(explain("Sentry API", "not_found")).toContain("set SENTRY_ORG to the organization's slug");
    expect(explain("Supabase Management API", "not_found")).toContain('no project "abcdref"');
    expect(explain("Vercel API", "not_found")).toContain('no project "prj_123"');
    expect(explain("Doppler API", "not_found")).toContain('no config "backend/prd"');
  });

  it("reads without a subject when the configuration names none", () => {
    expect(explain("Fly API", "forbidden", {})).toContain("this app");
    expect(explain("Vercel API", "not_found", {})).toContain("VERCEL_API_URL");
    expect(explain("Doppler API", "not_found", {})).toContain("needs DOPPLER_PROJECT and DOPPLER_CONFIG");
    expect(explain("Vercel API", "forbidden", {})).not.toContain("VERCEL_TEAM_ID");
    expect(explain("Vercel API", "forbidden")).toContain('VERCEL_TEAM_ID "team_456"');
  });

  it("separates the vendor's side from the configuration", () => {
    expect(explain("Vercel API", "server_error")).toBe(
      "Vercel had a server error (HTTP 502): that is on Vercel's side, not your configuration; check its status page and run npm run doctor again later.",
    );
    expect(explain("Sentry API", "rate_limited", subjects, { retryAfterS: 30 })).toContain("(retry after 30 s)");
    expect(explain("Doppler API", "timeout", subjects, { timeoutMs: 2000 })).toContain("within 2000 ms: check DOPPLER_API_URL");
    expect(explain("Fly API", "network", subjects, { detail: "host not found (ENOTFOUND)" })).toContain("(host not found (ENOTFOUND)): check FLY_API_URL");
  });

  it("reads its subjects from the configuration", () => {
    const env = parseEnv({ SENTRY_ORG: "acme", SUPABASE_PROJECT_REF: "ref1", VERCEL_TEAM_ID: "team_1", DOPPLER_PROJECT: "p", DOPPLER_CONFIG: "c" });
    expect(readSubjects(env)).toEqual({ sentryOrg: "acme", supabaseRef: "ref1", vercelProject: null, vercelTeam: "team_1", dopplerProject: "p", dopplerConfig: "c" });
  });
});

describe("the surfaces table", () => {
  it("knows every service name a probe writes its failures under", () => {
    const dir = path.resolve(import.meta.dirname, "../../../lib/probes");
    const used = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/service: "([^"]+)"/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(5);
    for (const service of new Set(used)) expect(surfaceNames, service).toContain(service);
  });
});
