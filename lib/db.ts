import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

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

export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new LookoutSqlite({ url }) });
}

// One client per process; dev hot reload would otherwise open a new SQLite handle on every edit.
const globalForDb = globalThis as unknown as { lookoutDb?: PrismaClient };
export const db: PrismaClient = globalForDb.lookoutDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.lookoutDb = db;
