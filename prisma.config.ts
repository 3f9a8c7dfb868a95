import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEFAULT_DATABASE_URL, databaseProvider } from "./lib/database-provider.mjs";

// The 6.19 CLI falls back to downloading a native engine when DATABASE_URL is unset, which fails offline.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;

// The schema and adapter follow DATABASE_URL. Only SQLite is migrated by this CLI (`prisma migrate deploy`);
// Postgres migrations are applied by scripts/migrate-postgres.mjs, and the CLI only generates and diffs.
export default databaseProvider(url) === "postgres"
  ? defineConfig({
      schema: path.join("prisma", "postgres", "schema.prisma"),
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => new PrismaPg({ connectionString: url }),
    })
  : defineConfig({
      schema: path.join("prisma", "schema.prisma"),
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => new PrismaBetterSQLite3({ url }),
    });
