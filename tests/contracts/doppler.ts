// Doppler contract: GET /v3/me, GET /v3/configs/config/secrets/names, GET /v3/configs/config/logs (list) and
// GET /v3/configs/config/logs/log (one log), plus the error body.
// Sources, read 2026-11-30:
// - DopplerHQ/node-sdk 1.2.0, commit 8f47887983d372346d85ba66277be31518364e51:
//   src/services/configLogs/models/ConfigLogsListResponse.ts (list items: no `diff`),
//   src/services/configLogs/models/ConfigLogsGetResponse.ts and GetResponse.ts (one log: `diff: [{name, added}]`),
//   src/services/configLogs/ConfigLogs.ts (paths; `page` and `per_page` "Items per page", no bound given),
//   src/services/auth/models/MeResponse.ts, src/services/secrets/models/NamesResponse.ts.
// - DopplerHQ/python-sdk 1.3.0, commit cdfef4897566e52a63598871865307e5a2376939:
//   src/dopplersdk/models/ConfigLogsListResponse.py (same list item keys, no `diff`), services/config_logs.py.
// - DopplerHQ/cli 3.76.1, commit d441d94d999daf4a1b5727e462ba36691962007e: pkg/models/api.go ConfigLog and
//   LogDiff {name, added, removed}; pkg/http/api.go GetConfigLog reads result["log"]; pkg/http/http.go
//   errorResponse {Messages []string, Success bool}; pkg/cmd/configs_logs.go `--number` default 20.
// None of these publishes a per_page maximum, so the contract asserts none.
import { z } from "zod";

/** The page size Doppler's own tools ask for (CLI `--number` default, SDK README examples). */
export const dopplerDefaultPerPage = 20;

const isoDateTime = z.iso.datetime({ offset: true });
// Doppler answers `"success": true` beside the payload; the generated SDK models leave it out, so it may be absent.
const success = z.literal(true).optional();

export const dopplerErrorSchema = z.strictObject({
  messages: z.array(z.string().min(1)).min(1),
  success: z.literal(false),
});

export const dopplerMeSchema = z.strictObject({
  slug: z.string().min(1),
  name: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
  token_preview: z.string(),
  workplace: z.strictObject({ slug: z.string().min(1), name: z.string() }),
  // The Python SDK calls it `type_` only because `type` is a builtin; the wire key is `type`.
  type: z.string().min(1),
  success,
});

export const dopplerSecretNamesSchema = z.strictObject({
  names: z.array(z.string().min(1)),
  success,
});

const dopplerLogUserSchema = z.strictObject({
  email: z.string(),
  name: z.string(),
  username: z.string(),
  profile_image_url: z.string(),
});

const configLogFields = {
  id: z.string().min(1),
  text: z.string(),
  html: z.string(),
  rollback: z.boolean(),
  created_at: isoDateTime,
  config: z.string().min(1),
  environment: z.string().min(1),
  project: z.string().min(1),
  user: dopplerLogUserSchema,
};

/** A list item: strict, so a `diff` (only the single-log endpoint has one) is drift and fails. */
export const dopplerConfigLogListItemSchema = z.strictObject(configLogFields);

/** `added`/`removed` may hold secret values: a reader takes `name` and nothing else. */
export const dopplerLogDiffSchema = z.strictObject({
  name: z.string().min(1),
  added: z.string().optional(),
  removed: z.string().optional(),
});

export const dopplerConfigLogSchema = z.strictObject({ ...configLogFields, diff: z.array(dopplerLogDiffSchema) });

export const dopplerConfigLogsListSchema = z.strictObject({
  page: z.number().int().positive(),
  logs: z.array(dopplerConfigLogListItemSchema),
  success,
});

export const dopplerConfigLogResponseSchema = z.strictObject({
  log: dopplerConfigLogSchema,
  success,
});
