// Supabase contracts for the three calls the probe makes with the anon key and the access token:
// PostgREST `GET /rest/v1/<table>?select=*&limit=0`, GoTrue `GET /auth/v1/health` and the Management API
// `GET /v1/projects/{ref}/health?services=...`.
// Sources, read 2026-11-30:
// - PostgREST/postgrest docs/references/errors.rst, commit 0b5203517c5b8a0b332324fdb6eda57edc26f1ac: the error body
//   {code, details, hint, message} (details and hint may be null), the SQLSTATE -> HTTP status table (42P01 -> 404)
//   and the PGRST codes (PGRST001/002 -> 503, PGRST003 -> 504, PGRST205 -> 404).
// - supabase/auth openapi.yaml (/health) and internal/api/api.go HealthCheckResponse, commit
//   bc32168e13fdc928c98b449fc76bc3fdb9a293c5: {version, name: "GoTrue", description}, every key always sent.
// - supabase/cli packages/api/src/generated/openapi.json, commit 1d1e7191268e068fe9cb6aba524d1c619a9c727b:
//   /v1/projects/{ref}/health -> V1ServiceHealthResponse[] (name and status enums, `info` one of three shapes).
//   Its error responses carry no schema; the same commit's recorded Management API answers
//   (apps/cli-e2e/fixtures/recorded/*/*.response.json) show them as {"message": "..."}.
// - The API gateway in front of a project answers a missing or wrong key with {message, hint} (HTTP 401), as
//   recorded in /work/shared/vendor-apis.md ("Missing key: 401 No API key found in request").
import { z } from "zod";

/** A table read returns rows; with `limit=0` always none, but the contract is "a JSON array of objects". */
export const postgrestRows = z.array(z.record(z.string(), z.unknown()));

export const postgrestError = z.strictObject({
  // PGRSTgxx, a SQLSTATE such as 42P01, or a custom code raised by a function (e.g. "PT402", "123").
  code: z.string().min(1),
  details: z.string().nullable(),
  hint: z.string().nullable(),
  message: z.string().min(1),
});

/** HTTP statuses errors.rst assigns to the codes a table read can meet; null for codes it leaves to others. */
export function postgrestStatusFor(code: string): number | null {
  const exact: Record<string, number> = { PGRST000: 503, PGRST001: 503, PGRST002: 503, PGRST003: 504, PGRST205: 404, "42P01": 404 };
  if (exact[code] !== undefined) return exact[code];
  if (code.startsWith("08")) return 503;
  if (code.startsWith("XX")) return 500;
  return null;
}

export const gotrueHealth = z.strictObject({
  version: z.string().min(1),
  name: z.literal("GoTrue"),
  description: z.string(),
});

/** What the gateway in front of REST and GoTrue answers on its own (bad key, upstream down, rate limit). */
export const gatewayError = z.strictObject({ message: z.string().min(1), hint: z.string().optional() });

export const managementServiceNames = ["auth", "db", "db_postgres_user", "pooler", "realtime", "rest", "storage", "pg_bouncer"] as const;
export const managementServiceStatuses = ["COMING_UP", "ACTIVE_HEALTHY", "UNHEALTHY"] as const;

// `info` is oneOf three shapes; each is closed so a body that mixes them, or invents one, is caught.
const gotrueInfo = z.strictObject({ name: z.literal("GoTrue"), version: z.string(), description: z.string() });
const realtimeInfo = z.strictObject({
  healthy: z.boolean(),
  db_connected: z.boolean(),
  replication_connected: z.boolean(),
  connected_cluster: z.number().int(),
});
const restInfo = z.strictObject({ db_schema: z.string() });

export const managementServiceHealth = z.strictObject({
  name: z.enum(managementServiceNames),
  /** Deprecated in favour of `status`, but still required. */
  healthy: z.boolean(),
  status: z.enum(managementServiceStatuses),
  info: z.union([gotrueInfo, realtimeInfo, restInfo]).optional(),
  error: z.string().optional(),
});

export const managementHealthList = z.array(managementServiceHealth);

export const managementError = z.strictObject({ message: z.string().min(1) });
