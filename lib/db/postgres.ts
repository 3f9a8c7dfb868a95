import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import type { Dialect } from "./dialect";

/**
 * A client for PostgreSQL. Its models are the SQLite schema's (tests/unit/db/schemas-agree.test.ts), so
 * the rest of Lookout uses it through the same PrismaClient type.
 */
export function createPostgresClient(url: string): PrismaClient {
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
}

// Keys of the transaction-scoped advisory locks; any fixed numbers, as long as nothing else uses them.
const AUDIT_CHAIN_LOCK = 4_240_001;
const SIGN_IN_FAILURES_LOCK = 4_240_002;

/** What only PostgreSQL does this way: several processes write at once, each with its own clock. */
export const postgresDialect: Dialect = {
  provider: "postgres",
  servesManyInstances: true,
  // Appenders in any process queue here until the holder commits; under READ COMMITTED the tip read that
  // follows then sees the holder's rows, so the chain never forks.
  lockAuditChain: async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  },
  // The Fly envelope's row, locked until commit: a second executor (or the operator switching the envelope
  // off) waits, then reads the first one's committed claim. No row means the envelope is off: refused anyway.
  lockRestartClaim: async (tx) => {
    await tx.$queryRawUnsafe(`SELECT "probe" FROM "EnvelopeSetting" WHERE "probe" = 'fly' FOR UPDATE`);
  },
  // Sign-ins in every process queue here for the few milliseconds of counting; under READ COMMITTED the
  // count that follows then includes the holder's failure.
  lockSignInFailures: async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SIGN_IN_FAILURES_LOCK})`);
  },
  now: async (client) => {
    const [row] = await client.$queryRawUnsafe<{ now: Date }[]>(`SELECT now() AS "now"`);
    return row!.now;
  },
};
