import type { DopplerLog, FlyMachine, SentryIssue, SentryProject, VercelDeployment } from "./state-types";

// Builders for realistic vendor records. Seeded, so ids are stable between runs; times are relative to
// `now`, so windows such as "the last 24 h" always hold the data a scenario promises.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Small deterministic PRNG (mulberry32); Math.random would make ids differ on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A stable numeric seed from a name, so different apps never share machine ids. */
function seedOf(name: string): number {
  let h = 2_166_136_261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619);
  return h >>> 0;
}

function hex(rand: () => number, length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(rand() * 16).toString(16);
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const machineNames = ["quiet-river-4821", "bold-sun-1187", "misty-field-6402", "amber-peak-3390"];

/** One started, passing machine of `app`, shaped like GET /v1/apps/{app}/machines items. */
export function makeFlyMachine(app: string, index: number, now: number): FlyMachine {
  const rand = seededRandom(seedOf(app) + index);
  const created = now - (6 + index) * DAY;
  const started = now - (2 + index) * HOUR;
  const image = `registry.fly.io/${app}:deployment-01JSIM${hex(rand, 8).toUpperCase()}`;
  return {
    id: hex(rand, 14),
    name: machineNames[(seedOf(app) + index) % machineNames.length] ?? `machine-${index}`,
    state: "started",
    region: index % 2 === 0 ? "iad" : "ord",
    image_ref: { registry: "registry.fly.io", repository: app, tag: image.split(":")[1] ?? "latest", digest: `sha256:${hex(rand, 64)}` },
    instance_id: `01JSIM${hex(rand, 20).toUpperCase()}`,
    private_ip: `fdaa:0:3b2c:a7b:${hex(rand, 3)}:${hex(rand, 4)}:${hex(rand, 4)}:2`,
    created_at: iso(created),
    updated_at: iso(started),
    config: {
      image,
      guest: { cpu_kind: "shared", cpus: 1, memory_mb: 512 },
      services: [{ protocol: "tcp", internal_port: 8080, ports: [{ port: 443, handlers: ["tls", "http"] }] }],
      checks: { http: { type: "http", port: 8080, path: "/healthz", interval: "15s", timeout: "2s" } },
      restart: { policy: "on-failure", max_retries: 10 },
      metadata: { fly_platform_version: "v2", fly_process_group: "app" },
    },
    events: [
      { type: "start", status: "started", source: "flyd", timestamp: started },
      { type: "launch", status: "created", source: "user", timestamp: created },
    ],
    // Fly's API still mirrors each service check as a synthetic bg_deployments_compat one (see fly-go's
    // Machine.RemoveCompatChecks), so a failing service fails both.
    checks: ["servicecheck-00-http-8080", "bg_deployments_compat-00-http-8080"].map((name) => ({
      name,
      status: "passing" as const,
      output: "Success",
      updated_at: iso(now - 30_000),
    })),
    host_status: "ok",
  };
}

export interface MakeDeploymentsOptions {
  projectId: string;
  projectName: string;
  count: number;
  /** Share of deployments that end in ERROR, 0..1; spread evenly through the window. */
  errorRate: number;
  now: number;
  /** Deployments are spread over [now - windowMs, now); default one day. */
  windowMs?: number;
  seed?: number;
}

/** `count` deployments newest first, each `created` unique so `until` paging never skips one. */
export function makeDeployments(o: MakeDeploymentsOptions): VercelDeployment[] {
  const rand = seededRandom(o.seed ?? 7);
  const windowMs = o.windowMs ?? DAY;
  const step = Math.floor(windowMs / Math.max(o.count, 1));
  return Array.from({ length: o.count }, (_, i) => {
    const created = o.now - Math.floor((i + 0.5) * step) - Math.floor(rand() * (step / 4)) - 1;
    const failed = Math.floor((i + 1) * o.errorRate) > Math.floor(i * o.errorRate);
    const uid = `dpl_${hex(rand, 24)}`;
    const state = failed ? "ERROR" : "READY";
    return {
      uid,
      name: o.projectName,
      projectId: o.projectId,
      url: `${o.projectName}-${hex(rand, 9)}-lookout-sim.vercel.app`,
      created,
      createdAt: created,
      buildingAt: created + 2_000,
      ready: created + 47_000,
      state,
      readyState: state,
      type: "LAMBDAS",
      target: i % 3 === 0 ? "production" : null,
      source: "git",
      creator: { uid: "sim0user0ops", username: "lookout-ops", email: "ops@lookout.test" },
      inspectorUrl: `https://vercel.com/lookout-sim/${o.projectName}/${uid.slice(4)}`,
      ...(failed ? { errorCode: "BUILD_UTILS_SPAWN_1", errorMessage: 'Command "npm run build" exited with 1' } : {}),
    };
  });
}

const issueTitles = [
  ["TypeError: Cannot read properties of undefined (reading 'id')", "app/investigations/[sessionId]/page"],
  ["Error: connect ECONNREFUSED 10.0.0.12:5432", "lib/db in query"],
  ["PrismaClientKnownRequestError: Unique constraint failed", "lib/incidents/open"],
  ["AbortError: This operation was aborted", "lib/probes/fly in fetchMachines"],
  ["RangeError: Invalid time value", "components/history-strip"],
] as const;

export interface MakeSentryIssuesOptions {
  org: string;
  projects: SentryProject[];
  count: number;
  now: number;
  status?: SentryIssue["status"];
  /** First numeric id, so batches made separately never collide. */
  startId?: number;
}

/** `count` issues seen within the last day (so statsPeriod=24h keeps them), most recent first. */
export function makeSentryIssues(o: MakeSentryIssuesOptions): SentryIssue[] {
  const rand = seededRandom((o.startId ?? 1) * 31 + o.count);
  const levels = ["error", "error", "warning", "fatal"] as const;
  const priorities = ["high", "medium", "low"] as const;
  return Array.from({ length: o.count }, (_, i) => {
    const n = (o.startId ?? 1) + i;
    const project = o.projects[i % o.projects.length] ?? { id: "1", name: "default", slug: "default", platform: "other" };
    const [title, culprit] = issueTitles[i % issueTitles.length] ?? issueTitles[0];
    const id = String(6_100_000_000 + n);
    const lastSeen = o.now - (i + 1) * 60_000 - Math.floor(rand() * 30_000);
    return {
      id,
      shortId: `${project.slug.toUpperCase()}-${n.toString(36).toUpperCase()}`,
      title,
      culprit,
      level: levels[i % levels.length] ?? "error",
      status: o.status ?? "unresolved",
      substatus: (o.status ?? "unresolved") === "unresolved" ? (i % 4 === 0 ? "new" : "ongoing") : null,
      count: String(1 + Math.floor(rand() * 400)),
      userCount: Math.floor(rand() * 40),
      firstSeen: iso(lastSeen - (1 + Math.floor(rand() * 6)) * DAY),
      lastSeen: iso(lastSeen),
      permalink: `https://${o.org}.sentry.io/issues/${id}/`,
      project,
      priority: priorities[i % priorities.length] ?? "medium",
      type: "error",
      metadata: { type: title.split(":")[0] ?? "Error", value: title.split(": ").slice(1).join(": "), filename: culprit },
      shareId: null,
      logger: null,
      statusDetails: {},
      isPublic: false,
      platform: project.platform,
      priorityLockedAt: null,
      issueType: "error",
      issueCategory: "error",
      numComments: 0,
      assignedTo: null,
      isBookmarked: false,
      isSubscribed: false,
      subscriptionDetails: null,
      hasSeen: i % 2 === 0,
      annotations: [],
    };
  });
}

export interface MakeDopplerLogsOptions {
  /** Days since each secret last changed. */
  ages: Readonly<Record<string, number>>;
  now: number;
  project: string;
  config: string;
  /** Days since the config was created (its first log, naming every secret); default 40 days before the oldest change. */
  createdDaysAgo?: number;
  /** Seeds the log ids; batches made with different seeds never share one. */
  seed?: number;
}

/**
 * Config logs newest first: one creation entry naming every secret, then one later change per secret
 * at its age, so "latest change per name" differs from "first seen". Diff values are fake but
 * distinctive (`simsecret-...`) so a test can prove they never leave Lookout.
 */
export function makeDopplerLogs(o: MakeDopplerLogsOptions): DopplerLog[] {
  const rand = seededRandom(o.seed ?? Object.keys(o.ages).length * 17);
  const names = Object.keys(o.ages);
  const oldest = Math.max(0, ...Object.values(o.ages));
  const user = { email: "ops@lookout.test", name: "Lookout Ops", username: "lookout-ops", profile_image_url: "" };
  const entry = (at: number, text: string, diff: DopplerLog["diff"]): DopplerLog => ({
    id: hex(rand, 24),
    text,
    html: `<p>${text}</p>`,
    created_at: iso(at),
    config: o.config,
    environment: o.config,
    project: o.project,
    rollback: false,
    user,
    diff,
  });
  const logs = [
    entry(o.now - (o.createdDaysAgo ?? oldest + 40) * DAY, `Created ${names.length} secrets`, names.map((name) => ({ name, added: `simsecret-${name}-v1`, removed: "" }))),
    ...names.map((name) =>
      entry(o.now - (o.ages[name] ?? 0) * DAY, `Updated secret ${name}`, [{ name, added: `simsecret-${name}-v2`, removed: `simsecret-${name}-v1` }]),
    ),
  ];
  return logs.sort((a, b) => b.created_at.localeCompare(a.created_at));
}
