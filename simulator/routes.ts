import type { VendorModule } from "./http";
import { anthropic } from "./vendors/anthropic";
import { doppler } from "./vendors/doppler";
import { fly } from "./vendors/fly";
import { sentry } from "./vendors/sentry";
import { slack } from "./vendors/slack";
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
  slack,
  anthropic,
} as const satisfies Record<string, VendorModule>;

export type VendorPrefix = keyof typeof vendorRoutes;

export function findVendorRoute(prefix: string): VendorModule | undefined {
  return Object.hasOwn(vendorRoutes, prefix) ? vendorRoutes[prefix as VendorPrefix] : undefined;
}
