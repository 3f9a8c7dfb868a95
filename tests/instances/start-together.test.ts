// Two servers started at the same moment on an empty PostgreSQL through `npm start`'s script: the
// migration runs once, both serve; then a burst of cron triggers spread over both runs exactly one cycle.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_MIGRATIONS_TABLE, readMigrations } from "../../scripts/migrate-postgres.mjs";
import { hitCron, startInstanceStack, waitFor, type InstanceStack } from "./instance-stack";
import { waitUntilServing, type LookoutProcess } from "./lookout-process";

// Long enough that the burst below fits inside one spacing window even on a busy machine.
const SPACING_SECONDS = 15;
// The embedded schedulers run their first cycle this long after boot (lib/cycle/scheduler.ts), then not for 10 minutes.
const SCHEDULER_FIRST_TICK_MS = 3_000;

let stack: InstanceStack;
let servers: LookoutProcess[] = [];
let servingSince = 0;

beforeAll(async () => {
  stack = await startInstanceStack({
    label: "start-together",
    migrate: false,
    env: { LOOKOUT_PROBE_INTERVAL: "10m", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: String(SPACING_SECONDS) },
  });
  // Both must reach the migration at the same moment, not one after the other by luck: the migrations
  // table (empty, as the runner itself creates it) stays locked until both servers are waiting on the database.
  const gate = new pg.Client({ connectionString: stack.databaseUrl });
  await gate.connect();
  try {
    await gate.query(CREATE_MIGRATIONS_TABLE);
    await gate.query("BEGIN");
    await gate.query(`LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE`);
    servers = await Promise.all(["A", "B"].map((name) => stack.spawn(name, { viaStartScript: true })));
    await waitFor("both servers to wait on the migration", () => backendsWaitingOnLocks(stack.databaseUrl).then((n) => n >= 2));
    await gate.query("COMMIT");
  } finally {
    await gate.end();
  }
  await Promise.all(servers.map((server) => waitUntilServing(server)));
  servingSince = Date.now();
});

afterAll(() => stack?.stop());

async function backendsWaitingOnLocks(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe("two instances on one PostgreSQL", () => {
  it("start together against an empty database: both serve, and each migration is applied exactly once", async () => {
    for (const server of servers) {
      const response = await fetch(`${server.url}/sign-in`);
      expect(response.status, `${server.name} answers its sign-in page`).toBe(200);
      expect(server.exited(), `${server.name} is still running:\n${server.output()}`).toBe(false);
    }
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "migration_name"`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
      for (const row of rows) {
        expect(row.finished_at, `${row.migration_name} finished`).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }
    } finally {
      await client.end();
    }
  });

  it("runs exactly one cycle for 20 concurrent cron triggers spread over both; the others coalesce or are told one is running", async () => {
    // Let both schedulers' first cycle happen and its spacing window pass, so the burst is the next cycle.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, servingSince + SCHEDULER_FIRST_TICK_MS + 500 - Date.now())));
    const last = await waitFor("the schedulers' first cycle", () => stack.db.probeCycle.findFirst({ orderBy: { startedAt: "desc" } }));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, last.startedAt.getTime() + SPACING_SECONDS * 1000 + 500 - Date.now())));
    const before = await stack.db.probeCycle.count();

    const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => hitCron(servers[i % 2]!)));

    const after = await stack.db.probeCycle.findMany({ orderBy: { startedAt: "asc" }, select: { id: true } });
    expect(after.length - before, "new cycles").toBe(1);
    const newCycle = after.at(-1)!.id;
    for (const hit of hits) {
      expect([200, 409], JSON.stringify(hit)).toContain(hit.status);
      if (hit.status === 409) expect(hit.body.reason).toBe("cycle_in_progress");
      else expect(hit.body.cycle?.cycleId, JSON.stringify(hit)).toBe(newCycle);
    }
    expect(hits.filter((h) => h.status === 200 && h.body.coalesced === false)).toHaveLength(1);
    expect(new Set(hits.map((h) => h.server))).toEqual(new Set(["A", "B"]));
  });
});
