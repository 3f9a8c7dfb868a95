// npm start: migrate the database (SQLite by default, or PostgreSQL), build if needed, serve on $PORT (3000) with the embedded scheduler.
import "dotenv/config";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { migrateDatabase } from "./migrate.mjs";
import { spawnNext } from "./next-bin.mjs";

const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
if (!(await migrateDatabase(env))) process.exit(1);
console.log("[lookout] database is up to date");
if (!buildIfNeeded(env)) process.exit(1);

const port = env.PORT || "3000";
const server = spawnNext(["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
