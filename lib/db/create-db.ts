import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { createPostgresClient } from "./postgres";
import { createSqliteClient } from "./sqlite";

/**
 * A client for DATABASE_URL: SQLite for file: URLs, PostgreSQL for postgres(ql):// URLs. Scripts given a
 * URL import this file alone, so they never build the server's client from the whole environment.
 */
export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  return databaseProvider(url) === "postgres" ? createPostgresClient(url) : createSqliteClient(url);
}
