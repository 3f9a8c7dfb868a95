import type Anthropic from "@anthropic-ai/sdk";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listRecentSnapshots, type RecentSnapshot } from "./list-recent-snapshots";
import { toPromptJson } from "./to-prompt-json";
import { FIX_TOOL_NAME, isFixOffered } from "./tools";
import type { InvestigationRequest } from "./types";

/** How many past snapshots of the probe the first message carries; the tool can read up to 24. */
export const RECENT_OBSERVATIONS = 12;

// Identical on every run so the API can cache it (with the tools in front of it). Anything that varies
// per run belongs in the user message.
export const SYSTEM_PROMPT = `You are the investigator inside Lookout, the operations dashboard of a founder or a small team running production on Supabase (database and auth), Fly.io (app machines), Vercel (web deployments), Sentry (errors) and Doppler (secrets). Lookout polls these vendors, and a probe has just reported an issue. Your findings are sent to the operator as a Slack direct message.

How to answer:
- Finish by calling report_findings, once: what is wrong, the likely cause, what the operator should do next (a short list of concrete steps) and your confidence (low, medium or high). That call is your whole answer; text outside it is not sent.
- Say what is wrong in one or two plain sentences. If it looks transient or already recovering, say so.
- Cite the figures that show it (machine ids and states, error rates, counts, ages, percentages, times) from the snapshot, the recent observations or your tools. Never invent a figure.
- Be brief: under 150 words in all, plain text, no headings, no tables.

What Lookout did is not yours to report:
- Lookout tells the operator itself, from its own records, every restart it attempted and how it ended, and the envelope's state. Your report is analysis only.
- Never write that anything was restarted, rolled back, redeployed, rotated or fixed, by you or by Lookout, and never that nothing was done. Recommend actions in next_steps instead ("Restart machine … from the Fly dashboard").

Tools:
- Use the read-only tools only when the context you were given is not enough.

The fix envelope (what Lookout may do on its own):
- You may use the fix tool only when it is offered to you in this conversation. If it is not offered, tell the operator what to do instead.
- Use it only for the one machine that the snapshot reported unhealthy, in its own app, and at most once. Never restart several machines, healthy machines or other apps, and never deploy or scale.
- Call it before report_findings, never in the same turn. If it is refused or fails, put what the operator should do in next_steps.

Secrets: values shown as [redacted] are hidden on purpose. Never guess, reconstruct or ask for a secret, token, key or connection string.`;

/** The system block, marked as a cache breakpoint: tools + system are the stable prefix of every run. */
export function buildSystemBlocks(): Anthropic.TextBlockParam[] {
  return [{ type: "text", text: SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }];
}

function describeEnvelope(request: InvestigationRequest): Record<string, unknown> {
  const { enabled, fix, does, outOfEnvelope } = request.envelope;
  const offered = isFixOffered(request);
  return {
    enabled,
    fix,
    does,
    out_of_envelope: outOfEnvelope,
    fix_tool_offered: offered,
    rule: offered
      ? `You may call ${FIX_TOOL_NAME} once, for the one machine the snapshot reported unhealthy.`
      : "No fix may be attempted in this investigation: explain and tell the operator what to do.",
  };
}

/** The first user message: the issue, its snapshot, the probe's recent history and the envelope, all redacted. */
export function buildUserMessage(request: InvestigationRequest, recent: RecentSnapshot[], credentials: string[]): string {
  const json = (value: unknown) => toPromptJson(value, credentials);
  const { probe, severity, category, title, detail, snapshot } = request;
  const timeline = recent.map((s) => ({ at: s.observedAt, status: s.status, error: s.error }));
  return [
    // Stable first lines naming what this run answers: logs, and the vendor simulator's keyed replies, read them.
    `Probe: ${probe}`,
    `Session: ${request.sessionId}`,
    `Investigate this ${severity} issue from the ${probe} probe and report your findings for the operator.`,
    `<issue>${json({ probe, severity, category, title, detail })}</issue>`,
    `<snapshot>${json({ observed_at: snapshot.observedAt, status: snapshot.status, error: snapshot.error, details: snapshot.details })}</snapshot>`,
    `<recent_observations newest_first="true">${json(timeline)}</recent_observations>`,
    `<envelope>${json(describeEnvelope(request))}</envelope>`,
  ].join("\n");
}

/** Reads the probe's recent observations (one query) and builds the first user message. */
export async function buildInvestigationPrompt(db: PrismaClient, request: InvestigationRequest, credentials: string[]): Promise<string> {
  const recent = await listRecentSnapshots(db, request.probe, { limit: RECENT_OBSERVATIONS, withDetails: false });
  return buildUserMessage(request, recent, credentials);
}
