import type Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it, vi } from "vitest";
import type { AutofixResult } from "@/lib/autofix/types";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { reportFindingsInput } from "@/lib/investigate/findings";
import { executeToolCalls, TOOL_NOT_AVAILABLE, type ToolRunState } from "@/lib/investigate/execute-tool-calls";
import { investigationTools, listOfferedTools, toAnthropicTools, type ToolContext } from "@/lib/investigate/tools";
import type { InvestigationRequest } from "@/lib/investigate/types";
import { listCredentials } from "@/lib/redact";
import { makeRequest } from "./request-fixtures";

const secret = "fly-unit-token-7Hq2Lp9Xw";
const env = parseEnv({ DATABASE_URL: "file:./data/unit.db", FLY_API_TOKEN: secret, FLY_APPS: "lookout-runtime" });

const fakeDb = {
  probeSnapshot: {
    findMany: vi.fn(async () => [
      { observedAt: new Date("2026-11-25T10:00:00Z"), status: "degraded", error: `401 ${secret}`, latencyMs: 40, details: JSON.stringify({ machines_unhealthy: 1, api_token: secret }) },
    ]),
  },
  incident: { findMany: vi.fn(async () => [{ sessionId: "probe:fly:m:1", probe: "fly", category: "m", severity: "warning", title: "Fly", openedAt: new Date("2026-11-25T09:00:00Z"), issueCount: 2 }]) },
  envelopeSetting: { findMany: vi.fn(async () => [{ probe: "fly", enabled: true }]) },
} as unknown as PrismaClient;

function setup(request: InvestigationRequest, fix: AutofixResult = { outcome: "succeeded", app: "lookout-runtime", machineId: "d8901e2f", message: "restarted" }) {
  const executeFix = vi.fn(async () => fix);
  const offered = listOfferedTools(request);
  const ctx: ToolContext = { db: fakeDb, env, request, executeFix };
  const state: ToolRunState = { offered: new Map(offered.map((t) => [t.name, t])), credentials: listCredentials(env), autofix: [] };
  return { executeFix, ctx, state };
}

let nextId = 0;
const use = (name: string, input: unknown): Anthropic.ToolUseBlock => ({ type: "tool_use", id: `toolu_${++nextId}`, name, input }) as Anthropic.ToolUseBlock;
const restart = { app: "lookout-runtime", machine_id: "d8901e2f", reason: "check critical" };

describe("the tool table", () => {
  it("has three read-only tools, the report that ends a run, and one fix tool", () => {
    expect(investigationTools.map((t) => [t.name, t.acts, t.finishes ?? false])).toEqual([
      ["recent_snapshots", false, false],
      ["open_incidents", false, false],
      ["envelope_status", false, false],
      ["report_findings", false, true],
      ["restart_unhealthy_machine", true, false],
    ]);
  });

  it("offers the fix tool only for Fly with its envelope on, last and cached", () => {
    expect(listOfferedTools(makeRequest("fly")).map((t) => t.name)).not.toContain("restart_unhealthy_machine");
    expect(listOfferedTools(makeRequest("vercel", { enabled: true })).map((t) => t.name)).not.toContain("restart_unhealthy_machine");
    const tools = toAnthropicTools(listOfferedTools(makeRequest("fly", { enabled: true })));
    expect(tools.map((t) => t.name)).toEqual(["recent_snapshots", "open_incidents", "envelope_status", "report_findings", "restart_unhealthy_machine"]);
    expect(listOfferedTools(makeRequest("vercel")).map((t) => t.name)).toEqual(["recent_snapshots", "open_incidents", "envelope_status", "report_findings"]);
    expect(tools.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    expect(tools.slice(0, -1).every((t) => t.cache_control === undefined)).toBe(true);
  });

  it("turns the zod schemas into JSON input schemas", () => {
    const byName = Object.fromEntries(toAnthropicTools([...investigationTools]).map((t) => [t.name, t.input_schema]));
    expect(byName.recent_snapshots).toMatchObject({ type: "object", required: ["probe"], additionalProperties: false });
    expect(byName.recent_snapshots?.properties).toMatchObject({ limit: { type: "integer", maximum: 24, minimum: 1 } });
    expect(byName.open_incidents).toMatchObject({ type: "object", properties: {} });
    expect(byName.restart_unhealthy_machine).toMatchObject({ type: "object", required: ["app", "machine_id"], additionalProperties: false });
    expect(byName.report_findings).toMatchObject({
      type: "object",
      required: ["what_is_wrong", "likely_cause", "next_steps", "confidence"],
      additionalProperties: false,
      properties: { next_steps: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 8 }, confidence: { type: "string", enum: ["low", "medium", "high"] } },
    });
    expect(JSON.stringify(byName)).not.toContain("$schema");
  });

  it("tells the model what each field of its report is for", () => {
    const schema = toAnthropicTools([...investigationTools]).find((t) => t.name === "report_findings")?.input_schema;
    expect(schema?.properties).toMatchObject({
      what_is_wrong: { description: "What is wrong, in one or two plain sentences, citing the figures that show it." },
      likely_cause: { description: "The most likely cause, and how sure the evidence makes it." },
      next_steps: { description: "What the operator should do next: a short list of concrete steps, most important first." },
      confidence: { description: "How confident the evidence makes this analysis." },
    });
  });

  it("accepts a report only with words in every field, trimmed", () => {
    const filed = { what_is_wrong: " Deploys fail. ", likely_cause: "A bad build.\n", next_steps: [" Roll back. "], confidence: "medium" };
    expect(reportFindingsInput.parse(filed)).toEqual({ what_is_wrong: "Deploys fail.", likely_cause: "A bad build.", next_steps: ["Roll back."], confidence: "medium" });
    for (const blank of [{ what_is_wrong: "  " }, { likely_cause: "\n" }, { next_steps: ["Roll back.", " "] }]) {
      expect(reportFindingsInput.safeParse({ ...filed, ...blank }).success).toBe(false);
    }
  });

  it("never offers the restart to a probe other than Fly, nor a fix other than the restart, whatever the request says", () => {
    const names = (request: InvestigationRequest) => listOfferedTools(request).map((t) => t.name);
    const fly = makeRequest("fly", { enabled: true });
    expect(names(makeRequest("vercel", { envelope: fly.envelope }))).not.toContain("restart_unhealthy_machine");
    expect(names({ ...fly, envelope: { ...fly.envelope, fix: "scale_up" as typeof fly.envelope.fix } })).not.toContain("restart_unhealthy_machine");
  });
});

describe("executeToolCalls", () => {
  it("runs read-only tools and returns redacted JSON", async () => {
    const { ctx, state } = setup(makeRequest("fly"));
    const [snapshots, incidents, envelope] = await executeToolCalls(
      [use("recent_snapshots", { probe: "fly", limit: 3 }), use("open_incidents", {}), use("envelope_status", { probe: "fly" })],
      ctx,
      state,
    );
    expect(snapshots?.is_error).toBeUndefined();
    expect(snapshots?.content).toContain('"machines_unhealthy":1');
    expect(snapshots?.content).toContain("401 [redacted]");
    expect(snapshots?.content).not.toContain(secret);
    expect(incidents?.content).toContain('"sessionId":"probe:fly:m:1"');
    // The run's own envelope answer is what the run was given (OFF), not the stored switch.
    expect(JSON.parse(String(envelope?.content))).toMatchObject({ probe: "fly", enabled: false, fix: "restart_unhealthy_machine" });
  });

  it("answers a report that does not fill its schema with an is_error result, so the model can file it again", async () => {
    const { ctx, state } = setup(makeRequest("vercel"));
    const [result] = await executeToolCalls([use("report_findings", { what_is_wrong: "Deploys fail.", next_steps: [], confidence: "certain" })], ctx, state);
    expect(result?.is_error).toBe(true);
    expect(result?.content).toContain("invalid input for report_findings");
    expect(result?.content).toContain("likely_cause");
    expect(result?.content).toContain("confidence");
  });

  it("answers bad input with an is_error result naming the problem", async () => {
    const { ctx, state } = setup(makeRequest("fly"));
    const [result] = await executeToolCalls([use("recent_snapshots", { probe: "fly", limit: 500 })], ctx, state);
    expect(result?.is_error).toBe(true);
    expect(result?.content).toContain("invalid input for recent_snapshots: limit");
  });

  it("names every problem of a bad input, nested fields by their path and the input itself as input", async () => {
    const { ctx, state } = setup(makeRequest("fly"));
    const [nested, whole] = await executeToolCalls(
      [use("report_findings", { what_is_wrong: "Deploys fail.", likely_cause: "A bad build.", next_steps: ["Roll back.", " "], confidence: "low" }), use("open_incidents", { probe: "fly", limit: 2 })],
      ctx,
      state,
    );
    expect(nested?.content).toContain("invalid input for report_findings: next_steps.1: ");
    expect(whole?.content).toContain("invalid input for open_incidents: input: Unrecognized keys");
    const [two] = await executeToolCalls([use("recent_snapshots", { probe: "heroku", limit: 500 })], ctx, state);
    expect(two?.content).toMatch(/invalid input for recent_snapshots: probe: [^;]+; limit: /);
  });

  it("answers a read-only tool that fails with an is_error result naming it, and records no fix attempt", async () => {
    const { ctx, state } = setup(makeRequest("fly", { enabled: true }));
    vi.mocked(fakeDb.incident.findMany).mockRejectedValueOnce(new Error("database is locked"));
    const [result] = await executeToolCalls([use("open_incidents", {})], ctx, state);
    expect(result).toMatchObject({ is_error: true, content: JSON.stringify({ error: "open_incidents failed: database is locked" }) });
    expect(state.autofix).toEqual([]);
  });

  it("refuses the fix tool when it was not offered, and unknown tools, without calling the executor", async () => {
    const { ctx, state, executeFix } = setup(makeRequest("fly"));
    const results = await executeToolCalls([use("restart_unhealthy_machine", restart), use("delete_everything", {})], ctx, state);
    expect(results.map((r) => [r.is_error, r.content])).toEqual([
      [true, JSON.stringify({ error: TOOL_NOT_AVAILABLE })],
      [true, JSON.stringify({ error: TOOL_NOT_AVAILABLE })],
    ]);
    expect(executeFix).not.toHaveBeenCalled();
    expect(state.autofix).toEqual([]);
  });

  it("hands every fix request to the executor, which alone decides and audits each one", async () => {
    const { ctx, state, executeFix } = setup(makeRequest("fly", { enabled: true }));
    executeFix.mockResolvedValueOnce({ outcome: "succeeded", app: "lookout-runtime", machineId: "m1", message: "restarted" });
    executeFix.mockResolvedValueOnce({ outcome: "refused", rule: "one_restart_per_incident", app: "lookout-runtime", machineId: "m1", message: "already restarted in this incident" });
    const [first, second] = await executeToolCalls([use("restart_unhealthy_machine", restart), use("restart_unhealthy_machine", restart)], ctx, state);
    expect(executeFix).toHaveBeenCalledTimes(2);
    expect(executeFix).toHaveBeenCalledWith(restart);
    expect(first?.is_error).toBeUndefined();
    expect(first?.content).toContain('"outcome":"succeeded"');
    expect(second?.is_error).toBe(true);
    expect(second?.content).toContain("one_restart_per_incident");
    expect(state.autofix.map((a) => a.outcome)).toEqual(["succeeded", "refused"]);
  });

  it("returns a refused fix to the model as an error with the executor's message", async () => {
    const refused: AutofixResult = { outcome: "refused", rule: "machine_reported_unhealthy", app: "lookout-runtime", machineId: "x", message: "machine x was not reported unhealthy" };
    const { ctx, state } = setup(makeRequest("fly", { enabled: true }), refused);
    const [result] = await executeToolCalls([use("restart_unhealthy_machine", { app: "lookout-runtime", machine_id: "x" })], ctx, state);
    expect(result?.is_error).toBe(true);
    expect(result?.content).toContain("machine x was not reported unhealthy");
    expect(state.autofix).toEqual([refused]);
  });

  it("reports an executor that throws as a failed attempt", async () => {
    const { ctx, state, executeFix } = setup(makeRequest("fly", { enabled: true }));
    executeFix.mockRejectedValueOnce(new Error("database is locked"));
    const [result] = await executeToolCalls([use("restart_unhealthy_machine", restart)], ctx, state);
    expect(result?.is_error).toBe(true);
    expect(state.autofix).toEqual([{ outcome: "failed", app: "lookout-runtime", machineId: "d8901e2f", message: "the fix could not run: database is locked" }]);
  });
});
