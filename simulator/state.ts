import type { Fault, SimVendor } from "./faults";
import { makeDeployments, makeDopplerLogs, makeFlyMachine, makeSentryIssues } from "./generators";
import type {
  AnthropicState,
  DopplerState,
  FlyState,
  SentryProject,
  SentryState,
  SimCredentials,
  SlackState,
  SupabaseState,
  VercelState,
} from "./state-types";

// The simulator's whole world as one mutable object: tests script it, handlers read it on each request.
// Vendor slice types (FlyMachine, VercelDeployment, ...) live in state-types.ts.

export interface SimState {
  credentials: SimCredentials;
  supabase: SupabaseState;
  fly: FlyState;
  vercel: VercelState;
  sentry: SentryState;
  doppler: DopplerState;
  slack: SlackState;
  anthropic: AnthropicState;
  faults: Partial<Record<SimVendor, Fault>>;
  latencyMs: Partial<Record<SimVendor, number>>;
  /** true -> every vendor answer echoes the credentials and token-shaped canaries (leak.ts). */
  leak: boolean;
}

/** Fake values only the simulator accepts; distinctive so a leak is easy to grep for. */
export const simulatorCredentials: Readonly<SimCredentials> = Object.freeze({
  supabaseAnonKey: "sim-anon-4f1c2e9a7b3d",
  supabaseServiceRoleKey: "sim-service-role-8e2d5a1f6c0b",
  supabaseAccessToken: "sbp_sim0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  flyApiToken: "fo1_sim_Zq8x7Wv6Ut5Sr4Qp3On2",
  vercelToken: "sim-vercel-Vt9kP2mQ7rX4",
  sentryAuthToken: "sntrys_sim_5d8f2a9c1e7b4036",
  dopplerToken: "dp.st.sim.Dk3Jf8Lq2Np7Rs4Tv",
  slackBotToken: "xoxb-sim-4711-Qm2Kp9Xw4RtB",
  anthropicApiKey: "sk-ant-sim-Hq7Vn3Lc9Zx2Pw5Jd",
});

/** The operator Lookout DMs. Not a secret, so it is not among the credentials a leak test greps for. */
export const simSlackOperatorId = "U0SIMOP01";

export const simProjectRef = "simref";
export const simFlyApps = ["lookout-runtime", "lookout-staging"] as const;

/** The Lookout environment that points every vendor at a simulator listening on `url`. */
export function simulatorEnv(url: string): Record<string, string> {
  const base = url.replace(/\/+$/, "");
  const c = simulatorCredentials;
  return {
    SUPABASE_URL: `${base}/supabase`,
    SUPABASE_ANON_KEY: c.supabaseAnonKey,
    SUPABASE_ACCESS_TOKEN: c.supabaseAccessToken,
    SUPABASE_PROJECT_REF: simProjectRef,
    SUPABASE_SERVICE_ROLE_KEY: c.supabaseServiceRoleKey,
    SUPABASE_MANAGEMENT_API_URL: `${base}/supabase-api`,
    FLY_API_TOKEN: c.flyApiToken,
    FLY_APPS: simFlyApps.join(","),
    FLY_API_URL: `${base}/fly`,
    VERCEL_TOKEN: c.vercelToken,
    VERCEL_PROJECT_ID: "prj_sim0lookoutweb",
    VERCEL_TEAM_ID: "team_sim0lookout",
    VERCEL_API_URL: `${base}/vercel`,
    SENTRY_AUTH_TOKEN: c.sentryAuthToken,
    SENTRY_ORG: "lookout-sim",
    SENTRY_API_URL: `${base}/sentry`,
    DOPPLER_TOKEN: c.dopplerToken,
    DOPPLER_API_URL: `${base}/doppler`,
    SLACK_BOT_TOKEN: c.slackBotToken,
    SLACK_OPERATOR_USER_ID: simSlackOperatorId,
    SLACK_API_URL: `${base}/slack/api`,
    ANTHROPIC_API_KEY: c.anthropicApiKey,
    ANTHROPIC_BASE_URL: `${base}/anthropic`,
  };
}

const DAY = 86_400_000;

/** Everything healthy, with timestamps relative to `now` so "last 24 h" windows always have data. */
export function defaultState(now: number = Date.now()): SimState {
  const org = { name: "Lookout Sim", slug: "lookout-sim" };
  const vercel = { projectId: "prj_sim0lookoutweb", projectName: "lookout-web", teamId: "team_sim0lookout" };
  const projects: SentryProject[] = [
    { id: "4508000000000001", name: "lookout-web", slug: "lookout-web", platform: "javascript-nextjs" },
    { id: "4508000000000002", name: "lookout-runtime", slug: "lookout-runtime", platform: "node" },
  ];
  return {
    credentials: { ...simulatorCredentials },
    supabase: {
      projectRef: simProjectRef,
      restUp: true,
      authUp: true,
      tables: [],
      services: { auth: "ACTIVE_HEALTHY", db: "ACTIVE_HEALTHY", pooler: "ACTIVE_HEALTHY", realtime: "ACTIVE_HEALTHY", rest: "ACTIVE_HEALTHY", storage: "ACTIVE_HEALTHY" },
      connections: { active: 20, max: 100 },
      authVersion: "v2.189.0",
    },
    fly: {
      organization: org,
      apps: [
        { id: "lookout-runtime", name: "lookout-runtime", status: "deployed", outage: false, machines: [0, 1].map((i) => makeFlyMachine("lookout-runtime", i, now)) },
        { id: "lookout-staging", name: "lookout-staging", status: "deployed", outage: false, machines: [makeFlyMachine("lookout-staging", 0, now)] },
      ],
      restarts: [],
    },
    vercel: {
      ...vercel,
      // 30 in the last day plus a few older ones, so a `since` filter visibly matters.
      deployments: [
        ...makeDeployments({ ...vercel, count: 30, errorRate: 0, now }),
        ...makeDeployments({ ...vercel, count: 8, errorRate: 0, now: now - 2 * DAY, windowMs: 3 * DAY, seed: 99 }),
      ],
    },
    sentry: {
      org: "lookout-sim",
      projects,
      issues: [
        ...makeSentryIssues({ org: "lookout-sim", projects, count: 3, now }),
        ...makeSentryIssues({ org: "lookout-sim", projects, count: 2, now, status: "resolved", startId: 900 }),
      ],
      flapWith: null,
      rateLimit: { limit: 40, windowS: 1, concurrentLimit: 25 },
    },
    doppler: {
      workplace: org,
      project: "lookout",
      config: "prd",
      environment: "prd",
      token: { name: "lookout-probe", slug: "0b1c2d3e-sim-token", created_at: new Date(now - 90 * DAY).toISOString() },
      secretNames: [...Object.keys(defaultSecretAges), "DOPPLER_CONFIG", "DOPPLER_ENVIRONMENT", "DOPPLER_PROJECT"],
      logs: makeDopplerLogs({ ages: defaultSecretAges, now, project: "lookout", config: "prd" }),
      logsForbidden: false,
    },
    slack: {
      team: { id: "T0SIMTEAM1", name: "Lookout Sim", domain: "lookout-sim" },
      bot: { userId: "U0SIMBOT01", botId: "B0SIMBOT01" },
      users: [simSlackOperatorId, "U0SIMDEV02"],
      dms: {},
      messages: [],
      updates: [],
      ephemeral: [],
      scopes: ["chat:write", "im:write", "im:history"],
      failNext: null,
    },
    anthropic: { script: [], received: [] },
    faults: {},
    latencyMs: {},
    leak: false,
  };
}

/** Days since each secret last changed; the oldest (~30 days) is well inside the 180-day threshold. */
export const defaultSecretAges: Readonly<Record<string, number>> = Object.freeze({
  DATABASE_URL: 30,
  STRIPE_SECRET_KEY: 21,
  SENTRY_DSN: 14,
  SLACK_BOT_TOKEN: 9,
  ANTHROPIC_API_KEY: 4,
  SESSION_SECRET: 1,
});
