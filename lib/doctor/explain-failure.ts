import type { Env } from "@/lib/env";
import type { Failure } from "@/lib/doctor/read-failures";
import { surfaces, type SurfaceName } from "@/lib/doctor/surfaces";

// One sentence per failure that says what the vendor answered and which variable to fix. The
// answers that depend on the operator's configuration (401, 403, 404, other 4xx) are written per API;
// the rest (timeouts, outages, rate limits) read the same for every vendor.

/** Names from the configuration the sentences quote. None of them is a secret. */
export interface FailureSubjects {
  /** The Fly app the failed call was about. */
  app?: string | null;
  sentryOrg?: string | null;
  supabaseRef?: string | null;
  vercelProject?: string | null;
  vercelTeam?: string | null;
  dopplerProject?: string | null;
  dopplerConfig?: string | null;
}

/** The subjects a sentence may quote, read from the configuration. */
export function readSubjects(env: Env): FailureSubjects {
  return {
    sentryOrg: env.SENTRY_ORG ?? null,
    supabaseRef: env.SUPABASE_PROJECT_REF ?? null,
    vercelProject: env.VERCEL_PROJECT_ID ?? null,
    vercelTeam: env.VERCEL_TEAM_ID ?? null,
    dopplerProject: env.DOPPLER_PROJECT ?? null,
    dopplerConfig: env.DOPPLER_CONFIG ?? null,
  };
}

type ConfigKind = "unauthorized" | "forbidden" | "not_found" | "rejected";
type Sentence = (s: FailureSubjects, status: number) => string;

const quoted = (value: string | null | undefined, fallback: string) => (value ? `"${value}"` : fallback);
const anonKeyFix = "copy the project's anon (publishable) key from its Settings → API Keys, and check that SUPABASE_URL is that project";
const serviceRoleFix = "copy the service_role (secret) key from the project's Settings → API Keys, or unset it to skip connection pressure";

const perSurface: Record<SurfaceName, Partial<Record<ConfigKind, Sentence>>> = {
  "Supabase REST": {
    unauthorized: () => `Supabase rejected SUPABASE_ANON_KEY (HTTP 401): ${anonKeyFix}.`,
    forbidden: () => `Supabase refused SUPABASE_ANON_KEY (HTTP 403): ${anonKeyFix}.`,
    not_found: () => "Supabase has no REST API at SUPABASE_URL (HTTP 404): set it to the project URL, https://<ref>.supabase.co, with no path.",
    rejected: (_, st) => `Supabase refused the table probe (HTTP ${st}): check SUPABASE_PROBE_TABLE is a plain table name.`,
  },
  "Supabase Auth": {
    unauthorized: () => `Supabase Auth rejected SUPABASE_ANON_KEY (HTTP 401): ${anonKeyFix}.`,
    forbidden: () => `Supabase Auth refused SUPABASE_ANON_KEY (HTTP 403): ${anonKeyFix}.`,
    not_found: () => "Supabase has no Auth API at SUPABASE_URL (HTTP 404): set it to the project URL, https://<ref>.supabase.co, with no path.",
  },
  "Supabase Management API": {
    unauthorized: () =>
      "Supabase rejected SUPABASE_ACCESS_TOKEN (HTTP 401): create a personal access token (sbp_…) under Account → Access Tokens; a project API key does not work here.",
    forbidden: (s) =>
      `SUPABASE_ACCESS_TOKEN may not read project ${quoted(s.supabaseRef, "SUPABASE_PROJECT_REF")} (HTTP 403): use a token of an account that belongs to the project's organization.`,
    not_found: (s) =>
      `Supabase has no project ${quoted(s.supabaseRef, "with that ref")} for this token (HTTP 404): check SUPABASE_PROJECT_REF (the subdomain of SUPABASE_URL) and that the token's account can see the project.`,
  },
  "Supabase Metrics API": {
    unauthorized: () => `Supabase rejected SUPABASE_SERVICE_ROLE_KEY at the metrics endpoint (HTTP 401): ${serviceRoleFix}.`,
    forbidden: () => `Supabase refused SUPABASE_SERVICE_ROLE_KEY at the metrics endpoint (HTTP 403): ${serviceRoleFix}.`,
    not_found: () =>
      "The project at SUPABASE_URL has no metrics endpoint (HTTP 404): it needs a hosted Supabase project; unset SUPABASE_SERVICE_ROLE_KEY to skip connection pressure.",
  },
  "Fly API": {
    unauthorized: () =>
      "Fly rejected FLY_API_TOKEN (HTTP 401): it is mistyped, expired or revoked; create one with `fly tokens create readonly <org>` and paste all of it.",
    forbidden: (s) =>
      `FLY_API_TOKEN may not read the machines of ${quoted(s.app, "this app")} (HTTP 403): use a token of the organization that owns the app (\`fly tokens create readonly <org>\`), not one scoped to another app.`,
    not_found: (s) => `Fly has no app ${quoted(s.app, "of that name")} that this token can see (HTTP 404): check its name in FLY_APPS against \`fly apps list\`.`,
    rejected: (s, st) => `Fly refused the machines request for ${quoted(s.app, "an app")} (HTTP ${st}): check its name in FLY_APPS.`,
  },
  "Vercel API": {
    unauthorized: () => "Vercel rejected VERCEL_TOKEN (HTTP 401): create a token under Account Settings → Tokens.",
    forbidden: (s) =>
      `Vercel refused VERCEL_TOKEN (HTTP 403), which it answers for a mistyped, expired or revoked token and for a team the token cannot read${s.vercelTeam ? ` (VERCEL_TEAM_ID "${s.vercelTeam}")` : ""}: create a token under Account Settings → Tokens whose scope includes the team.`,
    not_found: (s) =>
      s.vercelProject
        ? `Vercel has no project "${s.vercelProject}" for this token (HTTP 404): copy the Project ID from the project's Settings → General into VERCEL_PROJECT_ID, and set VERCEL_TEAM_ID when it belongs to a team.`
        : "Vercel answered HTTP 404: check that VERCEL_API_URL is https://api.vercel.com.",
    rejected: (_, st) => `Vercel refused the deployments query (HTTP ${st}): check VERCEL_PROJECT_ID and VERCEL_TEAM_ID.`,
  },
  "Sentry API": {
    unauthorized: () =>
      "Sentry rejected SENTRY_AUTH_TOKEN (HTTP 401): it is mistyped or revoked; create a personal token (or an internal integration's token) with the scopes org:read and event:read.",
    forbidden: (s) =>
      `SENTRY_AUTH_TOKEN may not read the issues of ${quoted(s.sentryOrg, "the organization")} (HTTP 403): give it the scopes org:read and event:read, and check that SENTRY_PROJECTS names projects of that organization.`,
    not_found: (s) =>
      `Sentry has no organization ${quoted(s.sentryOrg, "of that name")} that this token can see (HTTP 404): set SENTRY_ORG to the organization's slug, as in https://sentry.io/organizations/<slug>/, not its display name.`,
    rejected: (s, st) => `Sentry refused the issues query (HTTP ${st}): check that SENTRY_PROJECTS names projects of ${quoted(s.sentryOrg, "SENTRY_ORG")}.`,
  },
  "Doppler API": {
    unauthorized: () =>
      "Doppler rejected DOPPLER_TOKEN (HTTP 401): it is mistyped or revoked; create a service token (dp.st.…) in the config's Access tab.",
    forbidden: () =>
      "DOPPLER_TOKEN may not read the config's secret names or change logs (HTTP 403), so secret ages stay unknown: use a token with read access to them (a personal or service account token, with DOPPLER_PROJECT and DOPPLER_CONFIG set).",
    not_found: (s) =>
      s.dopplerProject || s.dopplerConfig
        ? `Doppler has no config "${s.dopplerProject ?? "?"}/${s.dopplerConfig ?? "?"}" that this token can read (HTTP 404): check DOPPLER_PROJECT and DOPPLER_CONFIG, or leave both unset with a service token, which implies them.`
        : "Doppler answered HTTP 404: a personal or service account token needs DOPPLER_PROJECT and DOPPLER_CONFIG to name the config; otherwise check DOPPLER_API_URL.",
    rejected: (_, st) =>
      `Doppler refused the request (HTTP ${st}): a personal or service account token needs DOPPLER_PROJECT and DOPPLER_CONFIG; a service token needs neither.`,
  },
};

function explainGeneric(f: Failure): string {
  const { vendor, credential, baseUrl } = surfaces[f.surface];
  const st = f.status ?? "?";
  switch (f.kind) {
    case "unauthorized":
    case "forbidden":
      return `${vendor} rejected ${credential} (HTTP ${st}): check the value, and that it belongs to the account you mean.`;
    case "not_found":
      return `${vendor} answered HTTP 404: check ${baseUrl}.`;
    case "rejected":
      return `${vendor} refused the request (HTTP ${st}): check ${baseUrl} and the other ${vendor} variables against .env.example.`;
    case "redirect":
      return `${vendor} answered with a redirect (HTTP ${st}): set ${baseUrl} to the API's own https address, with no path.`;
    case "rate_limited": {
      const wait = f.retryAfterS === null ? "" : ` (retry after ${f.retryAfterS} s)`;
      return `${vendor} rate limited the check${wait}, so the figures are missing but the credentials were not refused: run npm run doctor again after the wait.`;
    }
    case "server_error":
      return `${vendor} had a server error (HTTP ${st}): that is on ${vendor}'s side, not your configuration; check its status page and run npm run doctor again later.`;
    case "timeout": {
      const within = f.timeoutMs === null ? "in time" : `within ${f.timeoutMs} ms`;
      return `${vendor} did not answer ${within}: check ${baseUrl} and that this machine can reach it (proxy, firewall), or raise LOOKOUT_PROBE_TIMEOUT_MS.`;
    }
    case "network":
      return `${vendor} could not be reached${f.detail ? ` (${f.detail})` : ""}: check ${baseUrl} and this machine's network, DNS and proxy.`;
    case "malformed":
      return `${vendor} answered with something other than its API: check that ${baseUrl} points at the API itself, not a web page or a proxy.`;
    case "internal":
      return `The ${vendor} probe failed inside Lookout, not at ${vendor}: please report it with the problem line above.`;
  }
}

/** The fix-it sentence for one failure. */
export function explainFailure(failure: Failure, subjects: FailureSubjects): string {
  const kind = failure.kind;
  const specific =
    kind === "unauthorized" || kind === "forbidden" || kind === "not_found" || kind === "rejected" ? perSurface[failure.surface][kind] : undefined;
  return specific ? specific(subjects, failure.status ?? 0) : explainGeneric(failure);
}
