import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per process; dev hot reload would otherwise open a new SQLite handle on every edit.
const globalForDb = globalThis as unknown as { lookoutDb?: PrismaClient };
export const db: PrismaClient = globalForDb.lookoutDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.lookoutDb = db;
