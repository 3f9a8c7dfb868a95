import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { createPostgresClient } from "./postgres";
import { createSqliteClient } from "./sqlite";

/** A client for DATABASE_URL: SQLite for file: URLs, PostgreSQL for postgres(ql):// URLs. */
export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  return databaseProvider(url) === "postgres" ? createPostgresClient(url) : createSqliteClient(url);
}

// One client per process; dev hot reload would otherwise open a new connection on every edit.
const globalForDb = globalThis as unknown as { lookoutDb?: PrismaClient };
export const db: PrismaClient = globalForDb.lookoutDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.lookoutDb = db;
