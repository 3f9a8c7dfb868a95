import { dopplerProbe } from "@/lib/probes/doppler";
import { flyProbe } from "@/lib/probes/fly";
import { sentryProbe } from "@/lib/probes/sentry";
import { supabaseProbe } from "@/lib/probes/supabase";
import { vercelProbe } from "@/lib/probes/vercel";

// Every probe Lookout runs, in dashboard order. A new vendor is one module plus one entry here.
export const probes = [supabaseProbe, flyProbe, vercelProbe, sentryProbe, dopplerProbe] as const;

export type RegisteredProbe = (typeof probes)[number];

/** The probe with this name, or undefined for an unknown name (e.g. from a URL). */
export function getProbe(name: string): RegisteredProbe | undefined {
  return probes.find((p) => p.name === name);
}
