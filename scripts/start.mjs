// npm start: migrate the database (SQLite by default, or PostgreSQL), build if needed, serve on $PORT (3000) with the embedded scheduler.
import "dotenv/config";
import { DEFAULT_DATABASE_URL, sessionSecretProblem } from "../lib/database-provider.mjs";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { migrateDatabase } from "./migrate.mjs";
import { spawnNext } from "./next-bin.mjs";

const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
// The server validates everything at boot, but only after the migration and a build: this one is known now.
let secretProblem = null;
try {
  secretProblem = sessionSecretProblem(env.DATABASE_URL || DEFAULT_DATABASE_URL, env.LOOKOUT_SESSION_SECRET);
} catch {
  // An unusable DATABASE_URL: the migration below reports it.
}
if (secretProblem) {
  console.error(`[lookout] Invalid configuration:\n  - LOOKOUT_SESSION_SECRET: ${secretProblem}\nFix this in .env (see .env.example) and start again.`);
  process.exit(1);
}
if (!(await migrateDatabase(env))) process.exit(1);
console.log("[lookout] database is up to date");
if (!buildIfNeeded(env)) process.exit(1);

const port = env.PORT || "3000";
const server = spawnNext(["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
