import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Dialect } from "./dialect";
import { PrismaClient } from "@/lib/generated/prisma/client";

// WAL lets the dashboard read while a cycle writes, and synchronous=NORMAL makes a commit an append
// instead of an fsync: the database stays consistent after a crash, and a cycle's writes stay cheap.
const CONNECTION_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

class LookoutSqlite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }
}

export function createSqliteClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new LookoutSqlite({ url }) });
}

/**
 * What only SQLite does this way. A SQLite database has one writer at a time: a write transaction holds
 * the file's write lock until it commits, and every process on the box shares one clock.
 */
export const sqliteDialect: Dialect = {
  provider: "sqlite",
  // One server process beside its file: the sign-in limiter keeps its counts in memory.
  servesManyInstances: false,
  // Taken before the tip is read: an appender in another process then waits for the write lock (up to the
  // busy timeout) instead of failing on SQLite's stale-snapshot check, which is what keeps the chain from
  // forking but would lose the row. A write that touches no row fires no append-only trigger.
  lockAuditChain: async (tx) => {
    await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "id" = "id" WHERE 0`);
  },
  // A write that touches no row still takes the write lock, so an executor in another process waits here
  // instead of reading a snapshot that is about to go stale.
  lockRestartClaim: async (tx) => {
    await tx.$executeRawUnsafe(`UPDATE "EnvelopeSetting" SET "probe" = "probe" WHERE 0`);
  },
  // As for restart claims: taking the write lock first makes the count that follows current.
  lockSignInFailures: async (tx) => {
    await tx.$executeRawUnsafe(`UPDATE "SignInFailure" SET "id" = "id" WHERE 0`);
  },
  now: async () => new Date(),
};
