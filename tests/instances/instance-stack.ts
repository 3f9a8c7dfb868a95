// What every instances test file runs on: its own embedded PostgreSQL, the vendor simulator, and any number
// of Lookout servers sharing that database and the same secrets. stop() ends all of it, whatever failed.
import { createPostgresClient } from "@/lib/db/postgres";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startSimulator, simulatorEnv, type Simulator } from "@/simulator/server";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../scripts/embedded-postgres.mjs";
import { migratePostgres } from "../../scripts/migrate-postgres.mjs";
import { spawnLookout, waitUntilServing, type LookoutProcess, type SpawnLookoutOptions } from "./lookout-process";

export const SESSION_SECRET = "instances-tests-session-secret-5b0e2c7d9a41";
export const CRON_SECRET = "instances-tests-cron-secret-81f3";
export const OPERATOR_PASSWORD = "instances-operator-password-2d6b";

export interface InstanceStack {
  cluster: EmbeddedCluster;
  sim: Simulator;
  databaseUrl: string;
  /** The test's own connection to the shared database. */
  db: PrismaClient;
  /** Starts a server with the shared environment plus `env`; stop() kills it if the test did not. */
  spawn(name: string, options?: { env?: Record<string, string> } & Omit<SpawnLookoutOptions, "name" | "env">): Promise<LookoutProcess>;
  /** spawn() and wait until it answers HTTP. */
  serve(name: string, options?: Parameters<InstanceStack["spawn"]>[1]): Promise<LookoutProcess>;
  stop(): Promise<void>;
}

export async function startInstanceStack({ label, migrate = true, env = {} }: { label: string; migrate?: boolean; env?: Record<string, string> }): Promise<InstanceStack> {
  const servers: LookoutProcess[] = [];
  let sim: Simulator | undefined;
  let db: PrismaClient | undefined;
  const cluster = await startEmbeddedPostgres({ label });
  const stop = async () => {
    await Promise.all(servers.map((s) => s.kill("SIGKILL")));
    await db?.$disconnect().catch(() => {});
    await sim?.close().catch(() => {});
    await cluster.stop();
  };
  try {
    const databaseUrl = await cluster.createDatabase("lookout");
    if (migrate) await migratePostgres(databaseUrl);
    sim = await startSimulator({ port: 0 });
    db = createPostgresClient(databaseUrl);
    const shared = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/root",
      NEXT_TELEMETRY_DISABLED: "1",
      ...simulatorEnv(sim.url),
      DATABASE_URL: databaseUrl,
      LOOKOUT_SESSION_SECRET: SESSION_SECRET,
      CRON_SECRET,
      LOOKOUT_OPERATOR_PASSWORD: OPERATOR_PASSWORD,
      LOOKOUT_PROBE_TIMEOUT_MS: "5000",
      ...env,
    };
    const spawn: InstanceStack["spawn"] = async (name, options = {}) => {
      const server = await spawnLookout({ ...options, name, env: { ...shared, ...options.env } });
      servers.push(server);
      return server;
    };
    return {
      cluster,
      sim,
      databaseUrl,
      db,
      spawn,
      async serve(name, options) {
        const server = await spawn(name, options);
        await waitUntilServing(server);
        return server;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One cron trigger, as Vercel Cron sends it. */
export async function hitCron(server: LookoutProcess): Promise<{ server: string; status: number; body: CronBody }> {
  const response = await fetch(`${server.url}/api/cron/probes`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  return { server: server.name, status: response.status, body: (await response.json()) as CronBody };
}

export interface CronBody {
  ok: boolean;
  coalesced?: boolean;
  reason?: string;
  cycle?: { cycleId: string };
}

/** Polls `check` until it returns something truthy; its last answer goes into the timeout's message. */
export async function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
