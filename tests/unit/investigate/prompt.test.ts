import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildInvestigationPrompt, buildSystemBlocks, buildUserMessage, SYSTEM_PROMPT } from "@/lib/investigate/prompt";
import { listOfferedTools, toAnthropicTools } from "@/lib/investigate/tools";
import { listCredentials } from "@/lib/redact";
import { makeRequest } from "./request-fixtures";

const env = parseEnv({
  DATABASE_URL: "file:./data/unit.db",
  FLY_API_TOKEN: "fly-unit-token-7Hq2Lp9Xw",
  FLY_APPS: "lookout-runtime",
  SENTRY_AUTH_TOKEN: "sentry-unit-token-3Kd8Zr",
  ANTHROPIC_API_KEY: "anthropic-unit-key-5Tn4Vb",
  CRON_SECRET: "cron-unit-secret-9Wm1Qa",
});
const credentials = listCredentials(env);
const secrets = ["fly-unit-token-7Hq2Lp9Xw", "sentry-unit-token-3Kd8Zr", "anthropic-unit-key-5Tn4Vb", "cron-unit-secret-9Wm1Qa"];

/** A snapshot that carries every configured secret in every place one could hide. */
function leakyRequest() {
  return makeRequest("fly", {
    title: `Fly machine unhealthy (token ${secrets[0]})`,
    detail: `Bearer ${secrets[1]} rejected`,
    snapshot: {
      id: "snap_leak",
      status: "degraded",
      error: `Fly API 401 for token ${secrets[0]} and key ${secrets[2]}`,
      details: { api_token: secrets[0], note: `cron ${secrets[3]}`, nested: { list: [secrets[1], { authorization: secrets[2] }] } },
      observedAt: "2026-11-25T10:00:00.000Z",
    },
  });
}

const recent = [
  { observedAt: "2026-11-25T10:00:00.000Z", status: "degraded", error: `401 with ${secrets[0]}` },
  { observedAt: "2026-11-25T09:55:00.000Z", status: "healthy", error: null },
];

describe("the investigation prompt", () => {
  it("carries the issue, snapshot, recent observations and envelope as compact JSON", () => {
    const text = buildUserMessage(makeRequest("fly"), recent, credentials);
    expect(text).toContain('<issue>{"probe":"fly","severity":"warning","category":"machines_unhealthy"');
    expect(text).toContain('"machines_unhealthy":1');
    expect(text).toContain('<recent_observations newest_first="true">[{"at":"2026-11-25T10:00:00.000Z","status":"degraded"');
    expect(text).toContain('"fix_tool_offered":false');
    expect(text).toContain("No fix may be attempted");
  });

  it("opens with stable lines naming the probe, the session it answers and what to investigate", () => {
    const [probe, session, ask] = buildUserMessage(makeRequest("vercel"), recent, credentials).split("\n");
    expect(probe).toBe("Probe: vercel");
    expect(session).toBe("Session: probe:vercel:error_rate:inc_1");
    expect(ask).toBe("Investigate this warning issue from the vercel probe and report your findings for the operator.");
  });

  it("asks for report_findings and keeps what Lookout did out of the model's words", () => {
    for (const rule of ["Finish by calling report_findings", "Lookout tells the operator itself, from its own records", "never that nothing was done"]) {
      expect(SYSTEM_PROMPT).toContain(rule);
    }
    expect(SYSTEM_PROMPT).not.toContain("say exactly what you did");
  });

  it("never carries a configured secret, wherever the snapshot hides it", () => {
    const text = buildUserMessage(leakyRequest(), recent, credentials);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("api_token");
    expect(text).not.toContain("authorization");
  });

  it("keeps secrets out of the system prompt and the tools too", () => {
    const request = makeRequest("fly", { enabled: true });
    const sent = JSON.stringify({ system: buildSystemBlocks(), tools: toAnthropicTools(listOfferedTools(request)) });
    for (const secret of secrets) expect(sent).not.toContain(secret);
  });

  it("marks the system block as a cache breakpoint and states the envelope rules", () => {
    expect(buildSystemBlocks()).toEqual([{ type: "text", text: SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }]);
    // The rules the envelope and the operator depend on are in the cached prefix, not per-run text.
    for (const rule of ["only when it is offered", "one machine that the snapshot reported unhealthy", "at most once", "Never guess"]) {
      expect(SYSTEM_PROMPT).toContain(rule);
    }
  });

  it("tells the model the fix is offered only when the envelope is on", () => {
    expect(buildUserMessage(makeRequest("fly", { enabled: true }), [], credentials)).toContain(
      '"fix_tool_offered":true,"rule":"You may call restart_unhealthy_machine once, for the one machine the snapshot reported unhealthy."',
    );
    expect(buildUserMessage(makeRequest("vercel", { enabled: true }), [], credentials)).toContain('"fix_tool_offered":false');
  });

  it("reads the last 12 snapshots of the probe in one query, without their heavy details", async () => {
    const calls: unknown[] = [];
    const db = {
      probeSnapshot: {
        findMany: async (args: unknown) => {
          calls.push(args);
          return [{ observedAt: new Date("2026-11-25T10:00:00Z"), status: "degraded", error: `401 ${secrets[0]}`, latencyMs: 12 }];
        },
      },
    } as unknown as PrismaClient;
    const text = await buildInvestigationPrompt(db, leakyRequest(), credentials);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ where: { probe: "fly" }, orderBy: { observedAt: "desc" }, take: 12, select: { details: false } });
    expect(text).toContain('"status":"degraded","error":"401 [redacted]"');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
