import type { Env } from "@/lib/env";
import type { ProbeName } from "@/lib/probes/types";

// Every API a probe calls, under the name its failure sentences start with (`Fly API credentials
// rejected (HTTP 401)`, see lib/probes/http.ts), with the variables an operator would fix.

export interface Surface {
  probe: ProbeName;
  /** How the sentence names the vendor. */
  vendor: string;
  /** The credential this API is called with. */
  credential: keyof Env;
  /** The variable holding this API's address. */
  baseUrl: keyof Env;
}

export const surfaces = {
  "Supabase REST": { probe: "supabase", vendor: "Supabase", credential: "SUPABASE_ANON_KEY", baseUrl: "SUPABASE_URL" },
  "Supabase Auth": { probe: "supabase", vendor: "Supabase", credential: "SUPABASE_ANON_KEY", baseUrl: "SUPABASE_URL" },
  "Supabase Management API": { probe: "supabase", vendor: "Supabase", credential: "SUPABASE_ACCESS_TOKEN", baseUrl: "SUPABASE_MANAGEMENT_API_URL" },
  "Supabase Metrics API": { probe: "supabase", vendor: "Supabase", credential: "SUPABASE_SERVICE_ROLE_KEY", baseUrl: "SUPABASE_URL" },
  "Fly API": { probe: "fly", vendor: "Fly", credential: "FLY_API_TOKEN", baseUrl: "FLY_API_URL" },
  "Vercel API": { probe: "vercel", vendor: "Vercel", credential: "VERCEL_TOKEN", baseUrl: "VERCEL_API_URL" },
  "Sentry API": { probe: "sentry", vendor: "Sentry", credential: "SENTRY_AUTH_TOKEN", baseUrl: "SENTRY_API_URL" },
  "Doppler API": { probe: "doppler", vendor: "Doppler", credential: "DOPPLER_TOKEN", baseUrl: "DOPPLER_API_URL" },
} as const satisfies Record<string, Surface>;

export type SurfaceName = keyof typeof surfaces;
export const surfaceNames = Object.keys(surfaces) as SurfaceName[];

/** The API that decides a probe's status: what a failure without a recognisable service name is blamed on. */
export const mainSurface: Record<ProbeName, SurfaceName> = {
  supabase: "Supabase REST",
  fly: "Fly API",
  vercel: "Vercel API",
  sentry: "Sentry API",
  doppler: "Doppler API",
};
