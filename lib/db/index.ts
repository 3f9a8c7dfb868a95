import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDb } from "./create-db";

export { createDb };

// One client per process; dev hot reload would otherwise open a new connection on every edit.
const globalForDb = globalThis as unknown as { lookoutDb?: PrismaClient };
export const db: PrismaClient = globalForDb.lookoutDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.lookoutDb = db;
