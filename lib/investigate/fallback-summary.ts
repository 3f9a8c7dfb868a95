import type { ProbeName } from "@/lib/probes/types";
import type { FallbackReason, InvestigationRequest } from "./types";

// The analysis part the operator gets when the AI engine cannot run: built from the request alone, the
// same every time, so a DM always goes out with the figures that matter. The envelope and any fix run
// before the failure belong to the other part, "Lookout did", written from the records like every time.

type Details = Record<string, unknown>;
const asRecord = (v: unknown): Details => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Details) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isSet = (v: unknown) => v !== undefined && v !== null && v !== "";
const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

function describeFly(d: Details): string[] {
  const machines = asArray(d.apps).flatMap((app) => {
    const a = asRecord(app);
    return asArray(a.unhealthy).map((m) => {
      const machine = asRecord(m);
      const name = isSet(machine.name) ? ` (${String(machine.name)})` : "";
      const reasons = asArray(machine.reasons).map(String).join(", ");
      return `${String(a.app)}/${String(machine.id)}${name}${reasons ? `: ${reasons}` : ""}`;
    });
  });
  const lines = isSet(d.machines_unhealthy) ? [`Machines unhealthy: ${String(d.machines_unhealthy)} of ${String(d.machines_total ?? "?")}`] : [];
  if (isSet(d.apps_total)) lines.push(`Apps reachable: ${String(d.apps_reachable ?? "?")} of ${String(d.apps_total)}`);
  return [...lines, ...machines.slice(0, 5).map((m) => `- ${m}`)];
}

function describeVercel(d: Details): string[] {
  if (typeof d.error_rate_24h !== "number") return [];
  return [`Deployment error rate (24 h): ${pct(d.error_rate_24h)} (${String(d.errors_24h ?? "?")} failed, ${String(d.ready_24h ?? "?")} ready)`];
}

function describeSentry(d: Details): string[] {
  if (!isSet(d.unresolved_count)) return [];
  const top = asArray(d.top).slice(0, 3).map((i) => asRecord(i).title).filter(isSet).map((t) => `- ${String(t)}`);
  return [`Unresolved issues: ${String(d.unresolved_count)}${d.truncated === true ? " (at least)" : ""}`, ...top];
}

function describeDoppler(d: Details): string[] {
  if (!isSet(d.oldest_secret_age_days)) return isSet(d.age_note) ? [`Secret ages: ${String(d.age_note)}`] : [];
  const atLeast = d.age_lower_bound === true ? "at least " : "";
  const oldest = `Oldest secret: ${String(d.oldest_secret_name ?? "?")}, ${atLeast}${String(d.oldest_secret_age_days)} days old`;
  return typeof d.secrets_undated === "number" && d.secrets_undated > 0 ? [oldest, `Not yet dated: ${d.secrets_undated} secret(s)`] : [oldest];
}

function describeSupabase(d: Details): string[] {
  const parts = [`REST ${String(d.rest ?? "?")}`, `auth ${String(d.auth ?? "?")}`];
  if (isSet(d.connections_pct)) parts.push(`connections ${String(d.connections_pct)}% of max`);
  return parts.length ? [parts.join(", ")] : [];
}

/** Which snapshot figures matter for each probe; everything else stays on the timeline page. */
const describeFigures: Record<ProbeName, (details: Details) => string[]> = {
  fly: describeFly,
  vercel: describeVercel,
  sentry: describeSentry,
  doppler: describeDoppler,
  supabase: describeSupabase,
};

const reasonWords: Record<FallbackReason, string> = {
  no_api_key: "no Anthropic API key is configured",
  budget_exhausted: "today's AI budget is spent",
  api_error: "the Anthropic API failed",
};

/** Title, detail, key figures and why the AI engine was unavailable. */
export function buildFallbackSummary(request: InvestigationRequest, reason: FallbackReason, { detail }: { detail?: string | null } = {}): string {
  const { snapshot } = request;
  return [
    `${request.severity === "critical" ? "Critical" : "Warning"}: ${request.title}`,
    request.detail,
    ...(snapshot.error && snapshot.error !== request.detail ? [`Probe error: ${snapshot.error}`] : []),
    ...describeFigures[request.probe](asRecord(snapshot.details)),
    `AI investigation unavailable: ${reasonWords[reason]}${detail ? ` (${detail})` : ""}. This part is built from the probe's figures alone.`,
  ]
    .filter((line) => line.trim() !== "")
    .join("\n");
}
