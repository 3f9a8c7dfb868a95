// postinstall: generates the Prisma client for each provider (lib/generated/prisma for SQLite,
// lib/generated/prisma-pg for PostgreSQL); prisma.config.ts picks the schema from DATABASE_URL.
import { spawnSync } from "node:child_process";

const providers = [
  ["SQLite", "file:./data/lookout.db"],
  // A placeholder: generating reads no database, but the CLI wants a URL of the schema's kind.
  ["PostgreSQL", "postgresql://lookout@localhost:5432/lookout"],
];
for (const [label, url] of providers) {
  const run = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  if (run.status !== 0) {
    console.error(`[lookout] prisma generate failed for ${label}`);
    process.exit(run.status ?? 1);
  }
}
