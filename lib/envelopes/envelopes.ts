import type { ProbeName } from "@/lib/probes/types";

export interface EnvelopeDefinition {
  /** The one fix Lookout may attempt for this probe, or null: the operator decides every recovery. */
  fix: "restart_unhealthy_machine" | null;
  does: string;
  outOfEnvelope: string;
  rationale: string;
  /** The capability the executor checks before acting. */
  capability: "probe_autofix_fly_restart" | null;
}

// What Lookout may ever do on its own, per probe. Enablement lives in the database and defaults to OFF.
export const envelopes = {
  supabase: {
    fix: null,
    does: "Nothing. Lookout explains the problem and tells you.",
    outOfEnvelope: "Restarting the project, pausing, restoring, changing pooler or database settings.",
    rationale: "The database holds your data: every recovery is an operator decision.",
    capability: null,
  },
  fly: {
    fix: "restart_unhealthy_machine",
    does: "Restart one machine, in one app, that this incident's own snapshot reported unhealthy; once per incident, with a cooldown per app.",
    outOfEnvelope: "Restarting several machines, other apps or healthy machines; deploys, scaling, destroying or creating machines.",
    rationale: "A single failed or wedged machine is the one fault a restart reliably fixes, and it touches nothing else.",
    capability: "probe_autofix_fly_restart",
  },
  vercel: {
    fix: null,
    does: "Nothing. Lookout explains the failing deployments and tells you.",
    outOfEnvelope: "Rollbacks, redeploys, promoting or cancelling deployments.",
    rationale: "Rolling back blindly reverts changes someone intended to ship.",
    capability: null,
  },
  sentry: {
    fix: null,
    does: "Nothing. Lookout summarises the unresolved issues and tells you.",
    outOfEnvelope: "Resolving, ignoring or assigning issues.",
    rationale: "Sentry issues are bugs in the code, not runtime faults a machine action can fix.",
    capability: null,
  },
  doppler: {
    fix: null,
    does: "Nothing. Lookout reports unreachable tokens and ageing secrets.",
    outOfEnvelope: "Rotating, creating or deleting secrets or tokens.",
    rationale: "Automatic rotation could lock the runtime out of its own credentials.",
    capability: null,
  },
} as const satisfies Record<ProbeName, EnvelopeDefinition>;

export function getEnvelope(probe: ProbeName): EnvelopeDefinition {
  return envelopes[probe];
}
