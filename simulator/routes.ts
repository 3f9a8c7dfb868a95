import type { VendorModule } from "./http";
import { doppler } from "./vendors/doppler";
import { fly } from "./vendors/fly";
import { sentry } from "./vendors/sentry";
import { supabaseProject } from "./vendors/supabase";
import { supabaseManagement } from "./vendors/supabase-management";
import { vercel } from "./vendors/vercel";

// First path segment -> vendor module. Each Lookout base-URL variable points at `${url}/<prefix>`.
export const vendorRoutes = {
  supabase: supabaseProject,
  "supabase-api": supabaseManagement,
  fly,
  vercel,
  sentry,
  doppler,
} as const satisfies Record<string, VendorModule>;

export type VendorPrefix = keyof typeof vendorRoutes;

// Held for the Slack Web API and Anthropic Messages API stand-ins, so nothing else claims them.
export const reservedPrefixes = ["slack", "anthropic"] as const;

export function findVendorRoute(prefix: string): VendorModule | undefined {
  return Object.hasOwn(vendorRoutes, prefix) ? vendorRoutes[prefix as VendorPrefix] : undefined;
}
