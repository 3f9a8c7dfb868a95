import type { SimContext, SimResponse } from "./http";
import type { VendorPrefix } from "./routes";
import type { SimCredentials } from "./state-types";

// Leak mode: every vendor answer carries secrets the way real APIs echo them (an error body quoting the
// request, a Doppler diff holding a value, a token in a URL inside a Sentry issue title, a connection
// string in a Supabase error), so the secrets tests prove Lookout's redaction instead of relying on a
// simulator that never sends a credential back. Answers keep their vendor's shape and meaning.

/** A token-shaped value nobody configured; `needle` is the part lib/redact.ts promises never gets out. */
export interface LeakCanary {
  text: string;
  needle: string;
}

const canary = (token: string): LeakCanary => ({ text: token, needle: token });
const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFrLWNhbmFyeSIsInJvbGUiOiJzZXJ2aWNlX3JvbGUifQ.TGVha0NhbmFyeVNpZ25hdHVyZTAx";
const flyMacaroon = "fm2_leakCanaryMacaroon0123456789abcdef";
const pgPassword = "pgLeakCanaryPw7788";
const bearerCanary: LeakCanary = { text: `Bearer ${jwt}`, needle: jwt };
const connectionCanary: LeakCanary = { text: `postgres://lookout:${pgPassword}@db.simref.supabase.co:5432/postgres`, needle: pgPassword };

// Only shapes lib/redact.ts names: a bare JWT or a ghp_/AKIA key is not among them, so a JWT travels
// only after `Bearer`, where the masking is promised.
export const leakCanaries: readonly LeakCanary[] = Object.freeze([
  canary("sbp_leakc4n4ry0a1b2c3d4e5f6a7b8c9d0e1f2"),
  canary("dp.pt.leakCanaryQw8Er7Ty6Ui5Op4As3"),
  canary("xoxp-leak-7001-9002-Zx9Cv8Bn7Mm6Lk5"),
  canary("sk-ant-api03-leakCanary_Ab12Cd34Ef56-Gh78"),
  canary("sntryu_leakCanary0a9b8c7d6e5f4a3b2c1d"),
  canary("fo1_leakCanary_Lm3Nb4Vc5Xz6Qw7Er8"),
  bearerCanary,
  { text: `FlyV1 ${flyMacaroon}`, needle: flyMacaroon },
  connectionCanary,
]);

/** Prefix of the secret values a Doppler diff carries in leak mode; Lookout reads only a diff's names. */
export const dopplerValueMarker = "simsecret-";

/** Every string that must never reach a prompt, a Slack message, the database, a log line or a page. */
export function listLeakNeedles(credentials: SimCredentials): string[] {
  return [...Object.values(credentials), ...leakCanaries.map((c) => c.needle), dopplerValueMarker];
}

// Each vendor echoes its own credential first: error sentences are cut short, and what a real API
// quotes back is the request it was sent.
const ownCredentials: Record<VendorPrefix, (keyof SimCredentials)[]> = {
  supabase: ["supabaseAnonKey", "supabaseServiceRoleKey"],
  "supabase-api": ["supabaseAccessToken"],
  fly: ["flyApiToken"],
  vercel: ["vercelToken"],
  sentry: ["sentryAuthToken"],
  doppler: ["dopplerToken"],
  slack: ["slackBotToken"],
  anthropic: ["anthropicApiKey"],
};

function leakLine(credentials: SimCredentials, own: string[]): string {
  const others = Object.values(credentials).filter((v) => !own.includes(v));
  return `echo: ${[...own, ...leakCanaries.map((c) => c.text), ...others].join(" ")}`;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : isRecord(v) ? [v] : []);

function append(obj: unknown, key: string, line: string): void {
  if (isRecord(obj) && typeof obj[key] === "string") obj[key] = `${obj[key]} ${line}`;
}

// Where error shapes keep their words: Vercel/Anthropic `error.message`, Fly and Slack `error`, PostgREST
// `message/details/hint`, Sentry `detail`, Doppler `messages[]`, Supabase services' `error`.
const messageKeys = new Set(["message", "msg", "detail", "details", "hint", "error_description", "error"]);

function appendToMessages(value: unknown, line: string, depth: number): void {
  if (depth > 6) return;
  if (Array.isArray(value)) return value.forEach((v) => appendToMessages(v, line, depth + 1));
  if (!isRecord(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "string" && messageKeys.has(key)) value[key] = `${v} ${line}`;
    else if (key === "messages" && Array.isArray(v)) value[key] = v.map((m) => (typeof m === "string" ? `${m} ${line}` : m));
    else appendToMessages(v, line, depth + 1);
  }
}

type BodyLeak = (body: unknown, line: string, own: string) => void;

// Free-text fields Lookout reads (names, titles, versions, regions, model text) and nested ones it must ignore.
const bodyLeaks: Partial<Record<VendorPrefix, BodyLeak>> = {
  supabase: (body, line) => append(body, "version", line),
  "supabase-api": (body, line) => records(body).forEach((s) => append(s.info, "version", line)),
  fly(body, line, own) {
    if (isRecord(body) && isRecord(body.organization)) return append(body.organization, "name", line);
    for (const m of records(body).filter((r) => "state" in r)) {
      for (const key of ["name", "region"]) append(m, key, line);
      for (const check of records(m.checks)) for (const key of ["name", "output"]) append(check, key, line);
      if (isRecord(m.config)) m.config.env = { ...(isRecord(m.config.env) ? m.config.env : {}), DATABASE_URL: connectionCanary.text, FLY_API_TOKEN: own };
    }
  },
  vercel(body, line) {
    for (const d of records(isRecord(body) ? body.deployments : null)) {
      append(d, "name", line);
      if (d.readyState === "ERROR") d.errorMessage = `${typeof d.errorMessage === "string" ? d.errorMessage : "Command failed"} ${line}`;
      d.meta = { ...(isRecord(d.meta) ? d.meta : {}), githubCommitMessage: `rotate keys ${line}`, env: { DATABASE_URL: connectionCanary.text } };
    }
  },
  sentry(body, line, own) {
    for (const issue of records(body)) {
      if (typeof issue.title === "string") issue.title = `${issue.title} at https://hooks.lookout-sim.dev/notify?token=${own} ${line}`;
      append(issue, "culprit", line);
      append(issue.metadata, "value", line);
    }
  },
  doppler(body, line, own) {
    if (!isRecord(body)) return;
    append(body.workplace, "name", line);
    if ("token_preview" in body) body.token_preview = own;
    for (const log of [...records(body.logs), ...records(body.log)]) {
      for (const key of ["text", "html"]) append(log, key, line);
      append(log.user, "name", line);
      for (const d of records(log.diff)) {
        d.added = `${dopplerValueMarker}${String(d.name)}-v3 ${line}`;
        d.removed = connectionCanary.text;
      }
    }
  },
  slack(body, line) {
    if (!isRecord(body)) return;
    for (const key of ["team", "user"]) append(body, key, line);
    // The client logs `[ERROR]` response messages through Lookout's logger, which must mask them.
    body.response_metadata = { warnings: [line], messages: [`[ERROR] ${line}`] };
  },
  anthropic(body, line, own) {
    for (const block of records(isRecord(body) ? body.content : null)) {
      append(block, "text", line);
      // Short enough to stay inside the fix tool's 500-character reason, so the restart still runs.
      append(block.input, "reason", `${own} ${connectionCanary.text}`);
      // The findings are stored and sent: each field echoes, within the report's own limits so it still parses.
      append(block.input, "what_is_wrong", line);
      append(block.input, "likely_cause", `${own} ${connectionCanary.text}`);
      if (isRecord(block.input) && Array.isArray(block.input.next_steps)) {
        block.input.next_steps = block.input.next_steps.map((step) => (typeof step === "string" ? `${step} ${own} ${bearerCanary.text}` : step));
      }
    }
  },
};

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** The answer with every credential and canary added to its headers, messages, text fields and a nested echo. */
export function leakResponse(prefix: VendorPrefix, ctx: SimContext, out: SimResponse): SimResponse {
  const { credentials } = ctx.state;
  const own = ownCredentials[prefix].map((k) => credentials[k]);
  const line = leakLine(credentials, own);
  const headers = { ...out.headers, "x-echo-authorization": bearerCanary.text, "x-echo-credential": own[0] ?? "", "x-debug-context": line };
  const parsed = parseJson(out.body);
  if (!parsed) {
    if (!out.headers["content-type"]?.startsWith("text/plain")) return { ...out, headers };
    // Text answers (Supabase's Prometheus metrics): comments and a labelled series, as an exporter echoing its config would.
    const tail = `# ${line}\nlookout_sim_leak_info{dsn="${connectionCanary.text}",note="${line}"} 1\n`;
    return { ...out, headers, body: `${out.body}${out.body.endsWith("\n") ? "" : "\n"}${tail}` };
  }
  const body = parsed.value;
  appendToMessages(body, line, 0);
  bodyLeaks[prefix]?.(body, line, own[0] ?? "");
  if (isRecord(body)) body.debug = { request: { headers: { authorization: bearerCanary.text, "x-api-key": own[0] } }, database_url: connectionCanary.text, echoed: line };
  return { ...out, headers, body: JSON.stringify(body) };
}
