import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { postgresDialect } from "./postgres";
import { sqliteDialect } from "./sqlite";

type Client = PrismaClient | Prisma.TransactionClient;

/** The few things Lookout must do differently per provider; everything else is the same Prisma call. */
export interface Dialect {
  provider: "sqlite" | "postgres";
  /**
   * Whether several Lookout processes may serve this database at once (or one may restart at any time,
   * serverless): state that must hold across all of them, like the sign-in failure counts, then lives in
   * the database instead of one process's memory.
   */
  servesManyInstances: boolean;
  /** Serializes sign-in failure counting across processes until `tx` ends, so a burst cannot overshoot the limit. */
  lockSignInFailures(tx: Prisma.TransactionClient): Promise<void>;
  /** Serializes audit appends across processes until `tx` ends, so the hash chain never forks. */
  lockAuditChain(tx: Prisma.TransactionClient): Promise<void>;
  /** Serializes Fly restart claims across processes until `tx` ends. */
  lockRestartClaim(tx: Prisma.TransactionClient): Promise<void>;
  /** The database's clock: every instance judges leases by the same one. */
  now(client: Client): Promise<Date>;
}

/** The dialect of the database behind `client` (a client or a transaction). */
export function dialectOf(client: Client): Dialect {
  // Prisma names the generated client's provider here, on clients and transactions alike.
  return (client as { _activeProvider?: string })._activeProvider === "postgresql" ? postgresDialect : sqliteDialect;
}

/** The database's clock, for leases. */
export function databaseNow(client: Client): Promise<Date> {
  return dialectOf(client).now(client);
}
