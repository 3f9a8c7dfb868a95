import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { restartMachineRequest, type AutofixResult } from "@/lib/autofix/types";
import type { Env } from "@/lib/env";
import { getEnvelope } from "@/lib/envelopes/envelopes";
import { loadEnvelopeSwitches } from "@/lib/envelopes/is-envelope-enabled";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findOpenIncidents } from "@/lib/incidents/find-open-incidents";
import { probeNameSchema } from "@/lib/probes/types";
import { REPORT_TOOL_NAME, reportFindingsInput } from "./findings";
import { listRecentSnapshots } from "./list-recent-snapshots";
import type { InvestigationRequest } from "./types";

// The tools the model may call, as data: the prompt, the executor and the tests all read this table.
// Read-only tools and report_findings are always offered; the fix tool only when the probe's envelope is on.

export interface ToolContext {
  db: PrismaClient;
  env: Env;
  request: InvestigationRequest;
  executeFix: (input: unknown) => Promise<AutofixResult>;
}

/** What a tool hands back: any JSON value (redacted by the caller), and whether it is an error for the model. */
export interface ToolAnswer {
  result: unknown;
  isError: boolean;
  autofix?: AutofixResult;
}

export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  /** Changes something outside Lookout; offered only inside the probe's envelope. */
  acts: boolean;
  /** The model's final answer: a valid call ends the run (run-claude-loop) instead of being executed. */
  finishes?: boolean;
  run(input: z.output<S>, ctx: ToolContext): Promise<ToolAnswer>;
}

function defineTool<S extends z.ZodType>(tool: ToolDefinition<S>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

const ok = (result: unknown): ToolAnswer => ({ result, isError: false });

export const FIX_TOOL_NAME = "restart_unhealthy_machine";
export const RECENT_SNAPSHOTS_MAX = 24;

export const investigationTools = [
  defineTool({
    name: "recent_snapshots",
    description: `The latest snapshots of one probe, newest first, with their figures (details). At most ${RECENT_SNAPSHOTS_MAX}.`,
    input: z.strictObject({ probe: probeNameSchema, limit: z.number().int().min(1).max(RECENT_SNAPSHOTS_MAX).default(12) }),
    acts: false,
    run: async ({ probe, limit }, { db }) => ok(await listRecentSnapshots(db, probe, { limit, withDetails: true })),
  }),
  defineTool({
    name: "open_incidents",
    description: "Every open incident across all probes (critical first): probe, category, severity, title, when it opened, how many issues.",
    input: z.strictObject({}),
    acts: false,
    run: async (_input, { db }) => ok(await findOpenIncidents({ db })),
  }),
  defineTool({
    name: "envelope_status",
    description: "A probe's fix envelope: whether it is enabled, the one fix it allows, and what stays out of envelope.",
    input: z.strictObject({ probe: probeNameSchema }),
    acts: false,
    run: async ({ probe }, { db, env, request }) => {
      const envelope = getEnvelope(probe);
      // The probe under investigation answers with what this run was given, so the tool never contradicts the offer.
      const enabled = probe === request.probe ? request.envelope.enabled : (await loadEnvelopeSwitches({ db, env }))[probe];
      return ok({ probe, enabled, fix: envelope.fix, does: envelope.does, out_of_envelope: envelope.outOfEnvelope, rationale: envelope.rationale });
    },
  }),
  defineTool({
    name: REPORT_TOOL_NAME,
    description:
      "File your findings for the operator; this ends the investigation. Analysis only: what is wrong, the likely cause, " +
      "the operator's next steps and your confidence. Never state what Lookout or you did (restarts, refusals): Lookout reports its own actions from its records.",
    input: reportFindingsInput,
    acts: false,
    finishes: true,
    // Never reached: a valid report ends the run before any tool runs, and an invalid one fails its input check.
    run: async () => ok({ received: true }),
  }),
  defineTool({
    name: FIX_TOOL_NAME,
    description:
      "Restart ONE Fly machine, in one app, that this incident's snapshot reported unhealthy. At most once per investigation. " +
      "Use only when a restart is the fix the figures point to; the executor refuses anything outside the envelope.",
    input: restartMachineRequest,
    acts: true,
    run: async (input, { executeFix }) => {
      const autofix = await executeFix(input);
      return { result: autofix, isError: autofix.outcome !== "succeeded", autofix };
    },
  }),
] as const;

/** Whether this run may offer the fix tool: only Fly has one, and only while its envelope is on. */
export function isFixOffered(request: InvestigationRequest): boolean {
  return request.envelope.enabled && request.probe === "fly" && request.envelope.fix === FIX_TOOL_NAME;
}

/** The tools this run offers, read-only and the report first, so the fix tool (when present) is the last, cached one. */
export function listOfferedTools(request: InvestigationRequest): ToolDefinition[] {
  const fixOffered = isFixOffered(request);
  return investigationTools.filter((t) => !t.acts || fixOffered);
}

function toInputSchema(schema: z.ZodType): Anthropic.Tool.InputSchema {
  // The API takes the schema body only; the `$schema` dialect line is noise in every cached request.
  const jsonSchema: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: "input" }) };
  delete jsonSchema.$schema;
  return { ...jsonSchema, type: "object" };
}

/** The `tools` array for the Messages API; the last tool carries the cache breakpoint for the stable prefix. */
export function toAnthropicTools(tools: ToolDefinition[]): Anthropic.Tool[] {
  return tools.map((t, i) => ({
    name: t.name,
    description: t.description,
    input_schema: toInputSchema(t.input),
    ...(i === tools.length - 1 ? { cache_control: { type: "ephemeral" as const } } : {}),
  }));
}
