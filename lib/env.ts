import { z } from "zod";
import { isPasswordHash } from "@/lib/auth/operator-password-hash";
import { resolvePublicUrl } from "@/lib/public-url";
import { DEFAULT_DATABASE_URL, databaseProvider, sessionSecretProblem } from "@/lib/database-provider.mjs";

// Every variable Lookout reads, validated once. Empty strings count as unset so `.env.example` copies cleanly.
const optional = z.string().trim().min(1).optional();
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const baseUrl = (fallback: string) =>
  z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default(fallback).transform((u) => u.replace(/\/+$/, ""));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeNumber = (fallback: number) => z.coerce.number().nonnegative().default(fallback);

const truthy = ["true", "1", "yes", "on"];
const falsy = ["false", "0", "no", "off"];
/** A yes/no variable: only these spellings count, anything else is an error (never silently false). */
export const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = raw.toLowerCase();
      if (truthy.includes(value)) return true;
      if (falsy.includes(value)) return false;
      ctx.addIssue({ code: "custom", message: `must be one of ${[...truthy, ...falsy].join(", ")} (got "${raw}")` });
      return z.NEVER;
    });
const wakeThreshold = (fallback: number) => z.coerce.number().int().min(1).max(100).default(fallback);
const recoveryThreshold = z.coerce.number().int().min(1).max(100).default(2);

const operatorNamePattern = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * `name=hash,name=hash`: named operators, each password only as a hash from `npm run operator-hash`.
 * Problems name the entry by position or name, never echo its value (it may be a pasted password).
 */
const namedOperators = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const operators: { name: string; hash: string }[] = [];
    const entries = (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    entries.forEach((entry, index) => {
      const at = entry.indexOf("=");
      const name = entry.slice(0, at);
      const problem =
        at < 1 || !operatorNamePattern.test(name)
          ? `entry ${index + 1} must be name=hash with a short name (letters, digits, . _ @ -)`
          : !isPasswordHash(entry.slice(at + 1))
            ? `${name}: the password must be a hash from \`npm run operator-hash -- ${name}\`, never the password itself`
            : operators.some((o) => o.name.toLowerCase() === name.toLowerCase())
              ? `${name} is listed twice`
              : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      else operators.push({ name, hash: entry.slice(at + 1) });
    });
    return operators;
  });

/** `off`, a number of seconds, or a duration like `30s`, `5m`, `1h` -> milliseconds (null = scheduler off). */
export const probeIntervalSchema = z
  .string()
  .trim()
  .default("5m")
  .transform((raw, ctx) => {
    if (raw.toLowerCase() === "off") return null;
    const m = /^(\d+)\s*(s|m|h)?$/i.exec(raw);
    const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[(m?.[2] ?? "s").toLowerCase() as "s" | "m" | "h"];
    const ms = m ? Number(m[1]) * unit : NaN;
    if (!Number.isFinite(ms) || ms < 5_000) {
      ctx.addIssue({ code: "custom", message: `must be "off" or a duration of at least 5s like "30s", "5m" (got "${raw}")` });
      return z.NEVER;
    }
    return ms;
  });

function isDatabaseUrl(url: string): boolean {
  try {
    databaseProvider(url);
    return true;
  } catch {
    return false;
  }
}

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(isDatabaseUrl, "must be a SQLite file URL like file:./data/lookout.db or a PostgreSQL URL like postgresql://user:password@host:5432/lookout"),
  CRON_SECRET: optional,
  LOOKOUT_PROBE_INTERVAL: probeIntervalSchema,
  LOOKOUT_PROBE_TIMEOUT_MS: positiveInt(10_000),
  LOOKOUT_MIN_CYCLE_SPACING_SECONDS: z.coerce.number().int().min(0).max(3_600).default(20),
  LOOKOUT_LEASE_SECONDS: z.coerce.number().min(0.2).max(600).default(30),
  PORT: z.coerce.number({ error: "must be a port number like 3000" }).int().min(1).max(65_535).default(3000),
  // Unset: http://localhost:<PORT>, filled in by parseEnv.
  LOOKOUT_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  LOOKOUT_DASHBOARD_REFRESH_MS: z.coerce.number().int().min(1_000).default(15_000),
  // Set by Vercel on its functions ("1"): Vercel Cron starts the cycles there, never an in-process timer.
  VERCEL: booleanFlag(false),
  // Set by `npm run demo`, so pages can point a newcomer at what the demo prints.
  LOOKOUT_DEMO: booleanFlag(false),

  // Sign-in. Without a password Lookout prints a one-time sign-in token at first start.
  LOOKOUT_OPERATOR_NAME: z.string().trim().regex(operatorNamePattern, "must be a short name (letters, digits, . _ @ -)").default("operator"),
  LOOKOUT_OPERATORS: namedOperators,
  LOOKOUT_OPERATOR_PASSWORD: z.string().min(12, "must be at least 12 characters").max(512, "must be at most 512 characters").optional(),
  LOOKOUT_SESSION_SECRET: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  LOOKOUT_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  LOOKOUT_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1_000).default(10),
  LOOKOUT_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),

  SUPABASE_URL: z.url({ protocol: /^https?$/, error: "must be your project URL, e.g. https://<ref>.supabase.co" }).optional(),
  SUPABASE_ANON_KEY: optional,
  SUPABASE_PROBE_TABLE: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a plain table name").default("lookout_probe"),
  SUPABASE_ACCESS_TOKEN: optional,
  SUPABASE_PROJECT_REF: optional,
  SUPABASE_SERVICE_ROLE_KEY: optional,
  SUPABASE_MANAGEMENT_API_URL: baseUrl("https://api.supabase.com"),

  FLY_API_TOKEN: optional,
  FLY_APPS: list,
  FLY_API_URL: baseUrl("https://api.machines.dev"),

  VERCEL_TOKEN: optional,
  VERCEL_PROJECT_ID: optional,
  VERCEL_TEAM_ID: optional,
  VERCEL_API_URL: baseUrl("https://api.vercel.com"),

  SENTRY_AUTH_TOKEN: optional,
  SENTRY_ORG: optional,
  SENTRY_PROJECTS: list.refine((projects) => projects.every((p) => /^(\d+|[a-z0-9_-]*[a-z_-][a-z0-9_-]*)$/.test(p)), {
    message: "must be Sentry project ids (digits) or slugs (lowercase letters, digits, - and _), comma-separated",
  }),
  SENTRY_API_URL: baseUrl("https://sentry.io"),

  DOPPLER_TOKEN: optional,
  DOPPLER_PROJECT: optional,
  DOPPLER_CONFIG: optional,
  DOPPLER_API_URL: baseUrl("https://api.doppler.com"),

  LOOKOUT_SUPABASE_CONNECTIONS_PCT_MAX: nonNegativeNumber(80),
  LOOKOUT_VERCEL_ERROR_RATE_MAX: z.coerce.number().min(0).max(1).default(0.1),
  LOOKOUT_SENTRY_UNRESOLVED_MAX: z.coerce.number().int().nonnegative().default(10),
  LOOKOUT_DOPPLER_SECRET_AGE_DAYS_MAX: nonNegativeNumber(180),
  LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE: z.coerce.number().int().min(0).max(240).default(20),
  LOOKOUT_PAGE_CAP: positiveInt(10),

  LOOKOUT_WAKE_THRESHOLD_SUPABASE: wakeThreshold(3),
  LOOKOUT_WAKE_THRESHOLD_FLY: wakeThreshold(1),
  LOOKOUT_WAKE_THRESHOLD_VERCEL: wakeThreshold(1),
  LOOKOUT_WAKE_THRESHOLD_SENTRY: wakeThreshold(1),
  LOOKOUT_WAKE_THRESHOLD_DOPPLER: wakeThreshold(1),
  LOOKOUT_RECOVERY_THRESHOLD_SUPABASE: recoveryThreshold,
  LOOKOUT_RECOVERY_THRESHOLD_FLY: recoveryThreshold,
  LOOKOUT_RECOVERY_THRESHOLD_VERCEL: recoveryThreshold,
  LOOKOUT_RECOVERY_THRESHOLD_SENTRY: recoveryThreshold,
  LOOKOUT_RECOVERY_THRESHOLD_DOPPLER: recoveryThreshold,
  LOOKOUT_FLAP_CHANGES: z.coerce.number().int().min(2).max(100).default(6),
  LOOKOUT_FLAP_WINDOW: z.coerce.number().int().min(3).max(200).default(20),
  LOOKOUT_REMINDER_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  LOOKOUT_AUTOFIX_KILL_SWITCH: booleanFlag(false),
  LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: z.coerce.number().int().nonnegative().default(30),

  LOOKOUT_DEBOUNCE_SECONDS: z.coerce.number().int().nonnegative().default(600),
  LOOKOUT_CRITICAL_BYPASS_DEBOUNCE: booleanFlag(false),
  LOOKOUT_WAKE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),

  SLACK_BOT_TOKEN: optional,
  SLACK_OPERATOR_USER_ID: z.string().trim().regex(/^[UW][A-Z0-9]+$/, "must be a Slack user id like U012AB3CD").optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: baseUrl("https://slack.com/api").transform((u) => `${u}/`),
  SLACK_TIMEOUT_MS: positiveInt(5_000),
  LOOKOUT_DM_RETRY_HOURS: z.coerce.number().positive().max(168).default(24),

  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: baseUrl("https://api.anthropic.com"),
  LOOKOUT_AI_MODEL: z.string().trim().min(1).default("claude-sonnet-5-5"),
  LOOKOUT_AI_DAILY_BUDGET_USD: nonNegativeNumber(5),
  LOOKOUT_AI_MAX_TURNS: z.coerce.number().int().min(1).max(20).default(6),
  LOOKOUT_AI_MAX_TOKENS: z.coerce.number().int().min(128).max(32_000).default(1_500),
  LOOKOUT_AI_TIMEOUT_MS: positiveInt(60_000),
  LOOKOUT_AI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
});

// Links need one URL whatever was set: a default that depends on another variable is filled in after parsing.
const lookoutEnv = envSchema
  .superRefine((env, ctx) => {
    if (env.LOOKOUT_FLAP_CHANGES >= env.LOOKOUT_FLAP_WINDOW) {
      ctx.addIssue({ code: "custom", path: ["LOOKOUT_FLAP_CHANGES"], message: `must be less than LOOKOUT_FLAP_WINDOW (${env.LOOKOUT_FLAP_WINDOW}): a window of N cycles holds at most N - 1 changes` });
    }
    const problem = isDatabaseUrl(env.DATABASE_URL) ? sessionSecretProblem(env.DATABASE_URL, env.LOOKOUT_SESSION_SECRET) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["LOOKOUT_SESSION_SECRET"], message: problem });
  })
  .transform((env) => ({ ...env, LOOKOUT_PUBLIC_URL: resolvePublicUrl(env) }));

export type Env = z.infer<typeof lookoutEnv>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment (default: process.env); throws EnvError listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = lookoutEnv.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
}

let cached: Env | undefined;
/** The validated process environment, parsed on first use. */
export function getEnv(): Env {
  return (cached ??= parseEnv());
}
