import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseNow } from "./dialect";

/**
 * The clock a lease is judged by: the database's, which every instance shares, unless the caller brings
 * its own (tests that step through time do).
 */
export function leaseClock(db: PrismaClient, now?: () => Date): () => Promise<Date> {
  return now ? async () => now() : () => databaseNow(db);
}
