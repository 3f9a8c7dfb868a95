import { getEnvelope } from "@/lib/envelopes/envelopes";
import type { InvestigationRequest } from "@/lib/investigate/types";
import type { ProbeName } from "@/lib/probes/types";

// Investigation requests as the wake consumer builds them, one per probe, with realistic stored details.

const detailsByProbe: Record<ProbeName, unknown> = {
  fly: {
    apps: [
      {
        app: "lookout-runtime",
        reachable: true,
        error: null,
        machines_total: 2,
        machines_started: 1,
        machines_unhealthy: 1,
        unhealthy: [{ id: "d8901e2f", name: "runtime-web-1", region: "fra", state: "started", reasons: ["check http critical"] }],
      },
    ],
    apps_total: 1,
    apps_reachable: 1,
    machines_total: 2,
    machines_started: 1,
    machines_unhealthy: 1,
  },
  vercel: { deployments_24h: 20, ready_24h: 15, errors_24h: 5, error_rate_24h: 0.25, latest: null, recent_errors: [], pages: 1, truncated: false },
  sentry: { org: "acme", unresolved_count: 14, pages: 1, truncated: false, top: [{ title: "TypeError: x is undefined" }, { title: "Timeout in /api/pay" }] },
  doppler: { workplace: "Acme", token_type: "service_token", secrets_tracked: 6, oldest_secret_age_days: 212, oldest_secret_name: "STRIPE_SECRET_KEY", age_lower_bound: false },
  supabase: { project_ref: "abc", rest: "up", auth: "up", connections_pct: 91.5 },
};

const titles: Record<ProbeName, { title: string; detail: string; category: string }> = {
  fly: { title: "Fly machine unhealthy", detail: "1 Fly machine unhealthy: lookout-runtime/d8901e2f (check http critical)", category: "machines_unhealthy" },
  vercel: { title: "Vercel deployments failing", detail: "Vercel deployment error rate 25% over the last 24 h", category: "error_rate" },
  sentry: { title: "Sentry issues piling up", detail: "14 unresolved Sentry issues seen in the last 24 h (threshold 10)", category: "unresolved" },
  doppler: { title: "Doppler secret ageing", detail: "Doppler secret STRIPE_SECRET_KEY is 212 days old (threshold 180)", category: "secret_age" },
  supabase: { title: "Supabase connections high", detail: "Supabase connections at 91.5% of max_connections (threshold 80%)", category: "connections" },
};

export function makeRequest(probe: ProbeName, overrides: Partial<InvestigationRequest> & { enabled?: boolean } = {}): InvestigationRequest {
  const { enabled = false, ...rest } = overrides;
  const envelope = getEnvelope(probe);
  return {
    wakeId: "wake_1",
    sessionId: `probe:${probe}:${titles[probe].category}:inc_1`,
    probe,
    severity: "warning",
    ...titles[probe],
    snapshot: { id: "snap_1", status: "degraded", details: detailsByProbe[probe], error: titles[probe].detail, observedAt: "2026-11-25T10:00:00.000Z" },
    envelope: { enabled: enabled && envelope.fix !== null, fix: envelope.fix, does: envelope.does, outOfEnvelope: envelope.outOfEnvelope },
    ...rest,
  };
}
