import { z } from "zod";
import { bearer, fetchParsed, failedOutcome, roundTo, trimBase, type Fetched } from "@/lib/probes/outcome";
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from "@/lib/probes/types";

// Vercel deployments of the last 24 h, paginated newest first with `until=<pagination.next>`.

export interface VercelConfig {
  token: string;
  projectId: string | null;
  teamId: string | null;
  apiUrl: string;
  errorRateMax: number;
}

const dayMs = 24 * 60 * 60 * 1000;

const deploymentSchema = z.object({
  uid: z.string(),
  name: z.string().nullish(),
  state: z.string().nullish(),
  readyState: z.string().nullish(),
  target: z.string().nullish(),
  created: z.number().nullish(),
  createdAt: z.number().nullish(),
  errorCode: z.string().nullish(),
});
export interface VercelDeployment {
  uid: string;
  name: string | null;
  state: string;
  target: string | null;
  createdMs: number;
  errorCode: string | null;
}

export interface VercelPage {
  deployments: VercelDeployment[];
  /** The `until` cursor of the next page; null on the last page. */
  next: number | null;
}

export const vercelPageSchema = z
  .object({
    pagination: z.object({ next: z.number().nullish() }).nullish(),
    deployments: z.array(deploymentSchema),
  })
  .transform(
    (body): VercelPage => ({
      deployments: body.deployments.map((d) => ({
        uid: d.uid,
        name: d.name ?? null,
        // `readyState` is the documented field; older responses only carry `state`.
        state: d.readyState ?? d.state ?? "UNKNOWN",
        target: d.target ?? null,
        createdMs: d.createdAt ?? d.created ?? 0,
        errorCode: d.errorCode ?? null,
      })),
      next: body.pagination?.next ?? null,
    }),
  );

/** One recorded page as Lookout reads it, or null when the body has the wrong shape. */
export function parseVercelPage(body: unknown): VercelPage | null {
  const parsed = vercelPageSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/**
 * Figures over deployments created in the 24 h before `now`. The error rate counts finished builds
 * only (READY and ERROR); cancelled, in-flight and BLOCKED deployments (held back by a check or a
 * protection rule, newer API) say nothing about build health, so BLOCKED is counted on its own.
 */
export function summariseDeployments(deployments: VercelDeployment[], now: Date) {
  const since = now.getTime() - dayMs;
  const unique = [...new Map(deployments.map((d) => [d.uid, d])).values()];
  const recent = unique.filter((d) => d.createdMs >= since).sort((a, b) => b.createdMs - a.createdMs);
  const ready = recent.filter((d) => d.state === "READY").length;
  const errors = recent.filter((d) => d.state === "ERROR");
  const blocked = recent.filter((d) => d.state === "BLOCKED").length;
  const finished = ready + errors.length;
  const latest = recent[0];
  return {
    deployments_24h: recent.length,
    ready_24h: ready,
    errors_24h: errors.length,
    blocked_24h: blocked,
    error_rate_24h: finished === 0 ? 0 : roundTo(errors.length / finished, 4),
    latest: latest ? { state: latest.state, target: latest.target, created_at: new Date(latest.createdMs).toISOString() } : null,
    recent_errors: errors.slice(0, 3).map((d) => ({
      name: d.name,
      error_code: d.errorCode,
      created_at: new Date(d.createdMs).toISOString(),
    })),
  };
}

function buildPageUrl(config: VercelConfig, since: number, until: number | null): string {
  const params = new URLSearchParams({ limit: "100", since: String(since) });
  if (config.projectId) params.set("projectId", config.projectId);
  if (config.teamId) params.set("teamId", config.teamId);
  if (until !== null) params.set("until", String(until));
  return `${config.apiUrl}/v6/deployments?${params.toString()}`;
}

export async function runVercelProbe(config: VercelConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const since = ctx.now.getTime() - dayMs;
  const deployments: VercelDeployment[] = [];
  let until: number | null = null;
  let pages = 0;
  let truncated = false;

  for (;;) {
    const result: Fetched<VercelPage> = await fetchParsed(
      { service: "Vercel API", url: buildPageUrl(config, since, until), headers: bearer(config.token), signal: ctx.signal },
      vercelPageSchema,
    );
    if (!result.ok) return failedOutcome(result, { pages });
    pages += 1;
    const page: VercelPage = result.data;
    deployments.push(...page.deployments);
    // Pages run newest first, so a cursor older than the window (or one that does not move) ends the walk.
    if (page.next === null || page.next < since || page.next === until) break;
    if (pages >= ctx.pageCap) {
      truncated = true;
      break;
    }
    until = page.next;
  }

  const details = { ...summariseDeployments(deployments, ctx.now), pages, truncated };
  if (details.error_rate_24h > config.errorRateMax) {
    const pct = (n: number) => `${roundTo(n * 100, 1)}%`;
    const error = `Vercel deployment error rate ${pct(details.error_rate_24h)} over the last 24 h (${details.errors_24h} of ${details.ready_24h + details.errors_24h} finished; threshold ${pct(config.errorRateMax)})`;
    return { status: "degraded", details, error };
  }
  return { status: "healthy", details, error: null };
}

export const vercelProbe: ProbeDefinition<VercelConfig> = {
  name: "vercel",
  label: "Vercel",
  requiredEnv: ["VERCEL_TOKEN"],
  configFromEnv(env) {
    if (!env.VERCEL_TOKEN) return null;
    return {
      token: env.VERCEL_TOKEN,
      projectId: env.VERCEL_PROJECT_ID ?? null,
      teamId: env.VERCEL_TEAM_ID ?? null,
      apiUrl: trimBase(env.VERCEL_API_URL),
      errorRateMax: env.LOOKOUT_VERCEL_ERROR_RATE_MAX,
    };
  },
  run: runVercelProbe,
};
