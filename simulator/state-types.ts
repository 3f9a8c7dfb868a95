import type { ScriptedReply } from "./anthropic-script";
import type { SlackFailNext } from "./slack-fail-next";

// Shapes of each vendor's slice of the simulator state, field names as the vendors send them on the wire.

export const supabaseServices = ["auth", "db", "pooler", "realtime", "rest", "storage"] as const;
export type SupabaseService = (typeof supabaseServices)[number];
export type SupabaseServiceStatus = "ACTIVE_HEALTHY" | "COMING_UP" | "UNHEALTHY";

export interface SupabaseState {
  projectRef: string;
  /** false -> PostgREST answers 503 PGRST002 (schema cache unreachable). */
  restUp: boolean;
  /** false -> /auth/v1/health answers 503. */
  authUp: boolean;
  /** Tables that exist; any other table answers 404 PGRST205, which still proves the gateway is up. */
  tables: string[];
  services: Record<SupabaseService, SupabaseServiceStatus>;
  connections: { active: number; max: number };
  authVersion: string;
}

export type FlyCheckStatus = "passing" | "warning" | "critical";
export interface FlyMachine {
  id: string;
  name: string;
  state: string;
  region: string;
  image_ref: { registry: string; repository: string; tag: string; digest: string };
  instance_id: string;
  private_ip: string;
  created_at: string;
  updated_at: string;
  config: Record<string, unknown>;
  events: { type: string; status: string; source: string; timestamp: number }[];
  checks: { name: string; status: FlyCheckStatus; output: string; updated_at: string }[];
  host_status: "ok" | "unknown" | "unreachable";
}
export interface FlyApp {
  id: string;
  name: string;
  status: string;
  /** true -> every /v1/apps/{app}/... route answers 503, as during a Machines API outage. */
  outage: boolean;
  machines: FlyMachine[];
}
export interface FlyRestart {
  app: string;
  machineId: string;
  at: string;
  query: Record<string, string>;
}
export interface FlyState {
  organization: { name: string; slug: string };
  apps: FlyApp[];
  /** Every accepted restart, so tests can assert that exactly one happened. */
  restarts: FlyRestart[];
}

export type VercelReadyState = "BUILDING" | "ERROR" | "INITIALIZING" | "QUEUED" | "READY" | "CANCELED" | "DELETED" | "BLOCKED";
export interface VercelDeployment {
  uid: string;
  name: string;
  projectId: string;
  url: string | null;
  created: number;
  createdAt: number;
  buildingAt: number;
  ready: number | null;
  state: VercelReadyState;
  readyState: VercelReadyState;
  type: "LAMBDAS";
  target: "production" | "staging" | null;
  source: string;
  creator: { uid: string; username: string; email: string };
  inspectorUrl: string;
  errorCode?: string;
  errorMessage?: string;
}
export interface VercelState {
  projectId: string;
  projectName: string;
  teamId: string;
  deployments: VercelDeployment[];
}

export interface SentryProject {
  id: string;
  name: string;
  slug: string;
  platform: string;
}
export interface SentryIssue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  level: "fatal" | "error" | "warning" | "info";
  status: "unresolved" | "resolved" | "ignored";
  substatus: string | null;
  /** A string on the wire, as Sentry sends it. */
  count: string;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  permalink: string;
  project: SentryProject;
  priority: "high" | "medium" | "low";
  type: string;
  metadata: Record<string, unknown>;
  // Sent on every list item by Sentry's group serializer (getsentry/sentry serializers/models/group.py).
  shareId: string | null;
  logger: string | null;
  statusDetails: Record<string, unknown>;
  isPublic: boolean;
  platform: string | null;
  priorityLockedAt: string | null;
  issueType: string;
  issueCategory: string;
  numComments: number;
  assignedTo: null;
  isBookmarked: boolean;
  isSubscribed: boolean;
  subscriptionDetails: null;
  hasSeen: boolean;
  annotations: { displayName: string; url: string }[];
}
export interface SentryState {
  org: string;
  projects: SentryProject[];
  issues: SentryIssue[];
  /**
   * Set: the issue list swapped in on the next first-page list request, the current one taking its place,
   * so the unresolved count swings on every probe (sentry-flaps). Null: the list stays as it is.
   */
  flapWith: SentryIssue[] | null;
  /** Echoed in X-Sentry-Rate-Limit-* headers on every response. */
  rateLimit: { limit: number; windowS: number; concurrentLimit: number };
}

export interface DopplerLog {
  id: string;
  text: string;
  html: string;
  created_at: string;
  config: string;
  environment: string;
  project: string;
  rollback: boolean;
  user: { email: string; name: string; username: string; profile_image_url: string };
  diff: { name: string; added: string; removed: string }[];
}
export interface DopplerState {
  workplace: { name: string; slug: string };
  project: string;
  config: string;
  environment: string;
  token: { name: string; slug: string; created_at: string };
  /** Secret names, including the DOPPLER_* built-ins Doppler always lists. */
  secretNames: string[];
  /** Newest first, like Doppler's config logs. */
  logs: DopplerLog[];
  /** true -> the logs endpoint answers 403, as a service token without log access may. */
  logsForbidden: boolean;
}

export interface SlackMessage {
  /** The DM channel id (D...), also when the caller posted to a user id. */
  channel: string;
  /** "" when only blocks were sent. */
  text: string;
  /** `blocks` parsed from the JSON string the client sends; null when none were sent. */
  blocks: Record<string, unknown>[] | null;
  threadTs: string | null;
  /** `metadata` as posted ({event_type, event_payload}); null when none was sent. */
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  ts: string;
  at: string;
  /** When chat.update last changed it (ISO); absent until then. */
  editedAt?: string;
}
/** One accepted chat.update: what the message became. */
export interface SlackUpdate {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[] | null;
  at: string;
}
/** One accepted chat.postEphemeral: seen by `user` only, never stored in the channel's history. */
export interface SlackEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: Record<string, unknown>[] | null;
  messageTs: string;
  at: string;
}
export interface SlackState {
  team: { id: string; name: string; domain: string };
  bot: { userId: string; botId: string };
  /** Users that exist in the workspace; conversations.open with anyone else answers user_not_found. */
  users: string[];
  /** User id -> DM channel id, filled by conversations.open; only these channels accept messages. */
  dms: Record<string, string>;
  /** Every accepted chat.postMessage, oldest first. Faulted calls never get here (drop_reply ones do). */
  messages: SlackMessage[];
  /** Every accepted chat.update, oldest first (the message in `messages` shows the latest). */
  updates: SlackUpdate[];
  /** Every accepted chat.postEphemeral, oldest first. */
  ephemeral: SlackEphemeral[];
  /** The bot token's scopes; a method needing one not here answers missing_scope (history needs im:history). */
  scopes: string[];
  failNext: SlackFailNext | null;
}

export interface AnthropicReceived {
  model: string;
  system: unknown;
  /** Names of the tools offered. */
  tools: string[];
  messages: unknown[];
  at: string;
}
export interface AnthropicState {
  /** One reply taken per valid request: the first whose key matches it (or that has none); otherwise the default answers. */
  script: ScriptedReply[];
  /** Every valid request, oldest first (the full raw bodies are in the request log too). */
  received: AnthropicReceived[];
}

export interface SimCredentials {
  supabaseAnonKey: string;
  supabaseServiceRoleKey: string;
  supabaseAccessToken: string;
  flyApiToken: string;
  vercelToken: string;
  sentryAuthToken: string;
  dopplerToken: string;
  slackBotToken: string;
  anthropicApiKey: string;
}
