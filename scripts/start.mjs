// npm start: migrate the SQLite database, build if needed, serve on $PORT (3000) with the embedded scheduler.
import "dotenv/config";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { spawnNext } from "./next-bin.mjs";

const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
env.DATABASE_URL ||= "file:./data/lookout.db";
if (env.DATABASE_URL.startsWith("file:")) {
  fs.mkdirSync(path.dirname(env.DATABASE_URL.slice("file:".length)), { recursive: true });
}

const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "pipe", "inherit"], env });
if (migrate.status !== 0) {
  console.error("[lookout] database migration failed (see above); check DATABASE_URL.");
  process.exit(1);
}
console.log("[lookout] database is up to date");
if (!buildIfNeeded(env)) process.exit(1);

const port = env.PORT || "3000";
const server = spawnNext(["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
