import { z } from "zod";

// Lenient readers for snapshot `details`: a field with an unexpected shape becomes null instead of
// failing the whole card, because old rows and failed probes carry sparse or older shapes.

const num = z.number().nullish().catch(null);
const str = z.string().nullish().catch(null);
const bool = z.boolean().nullish().catch(null);
const upDown = z.enum(["up", "down"]).nullish().catch(null);

/** An array whose malformed items are dropped rather than failing the list. */
function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .nullish()
    .catch(null)
    .transform((items) =>
      items == null
        ? null
        : items.flatMap((raw) => {
            const parsed = item.safeParse(raw);
            return parsed.success ? [parsed.data as z.output<T>] : [];
          }),
    );
}

const rateLimit = { rate_limited: bool, retry_after_s: num };

export const supabaseDetailsSchema = z.object({
  ...rateLimit,
  project_ref: str,
  rest: upDown,
  auth: upDown,
  auth_version: str,
  services: lenientArray(z.object({ name: str, status: str })),
  connections_pct: num,
  metrics_error: str,
});

const flyUnhealthyMachineSchema = z.object({
  id: str,
  name: str,
  region: str,
  state: str,
  reasons: lenientArray(z.string()),
});

export const flyDetailsSchema = z.object({
  ...rateLimit,
  apps: lenientArray(
    z.object({
      app: z.string(),
      reachable: bool,
      error: str,
      machines_total: num,
      machines_started: num,
      machines_unhealthy: num,
      unhealthy: lenientArray(flyUnhealthyMachineSchema),
    }),
  ),
  apps_total: num,
  apps_reachable: num,
  machines_total: num,
  machines_started: num,
  machines_unhealthy: num,
});

export const vercelDetailsSchema = z.object({
  ...rateLimit,
  deployments_24h: num,
  ready_24h: num,
  errors_24h: num,
  blocked_24h: num,
  error_rate_24h: num,
  truncated: bool,
  latest: z.object({ state: str, target: str, created_at: str }).nullish().catch(null),
});

export const sentryDetailsSchema = z.object({
  ...rateLimit,
  org: str,
  unresolved_count: num,
  truncated: bool,
  top: lenientArray(z.object({ short_id: str, title: str, level: str, count: z.union([z.number(), z.string()]).nullish().catch(null) })),
});

export const dopplerDetailsSchema = z.object({
  ...rateLimit,
  workplace: str,
  token_type: str,
  secrets_tracked: num,
  secrets_undated: num,
  oldest_secret_age_days: num,
  oldest_secret_name: str,
  age_status: z.enum(["known", "partial", "unknown"]).nullish().catch(null),
  /** Rows written before secrets were dated one by one: the oldest predated the logs, so "at least". */
  age_lower_bound: bool,
  age_note: str,
});
