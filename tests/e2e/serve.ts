// Starts the vendor simulator and `next start` on a fresh database for the Playwright suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";
import { spawnNext } from "../../scripts/next-bin.mjs";
import { startSimulator, simulatorEnv } from "../../simulator/server";
import { E2E_APP_PORT, E2E_CRON_SECRET, E2E_OPERATOR_PASSWORD, E2E_SERVER_LOG, E2E_SIGNIN_WINDOW_SECONDS, E2E_SIMULATOR_PORT } from "./ports";

const dbFile = "data/e2e.db";
fs.mkdirSync("data", { recursive: true });
for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });

const env = {
  ...process.env,
  ...simulatorEnv(`http://127.0.0.1:${E2E_SIMULATOR_PORT}`),
  DATABASE_URL: `file:./${dbFile}`,
  CRON_SECRET: E2E_CRON_SECRET,
  LOOKOUT_OPERATOR_PASSWORD: E2E_OPERATOR_PASSWORD,
  LOOKOUT_SIGNIN_WINDOW_SECONDS: String(E2E_SIGNIN_WINDOW_SECONDS),
  LOOKOUT_PROBE_INTERVAL: "off",
  LOOKOUT_PROBE_TIMEOUT_MS: "3000",
  // Specs run cycles back to back (each stands for a scheduled one); coalescing has its own integration test.
  LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0",
  LOOKOUT_DASHBOARD_REFRESH_MS: "1000",
  // Spec files share one server: with a debounce window, one spec's incident would swallow the next one's wake.
  LOOKOUT_DEBOUNCE_SECONDS: "0",
  // Likewise the per-app restart cooldown: one spec's restart would refuse the next spec's.
  LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0",
  // And one probe history: specs break and heal Fly over and over, which would read as flapping. Flapping
  // from cycles has its own integration tests; the pages' flapping marks are seeded by the lifecycle spec.
  LOOKOUT_FLAP_CHANGES: "100",
  LOOKOUT_FLAP_WINDOW: "200",
  NEXT_TELEMETRY_DISABLED: "1",
};

const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "inherit" });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);
if (!buildIfNeeded(env)) process.exit(1);

const simulator = await startSimulator({ port: E2E_SIMULATOR_PORT });
// The server's own output also goes to a file, which the secrets spec scans for credentials.
fs.mkdirSync(path.dirname(E2E_SERVER_LOG), { recursive: true });
const log = fs.createWriteStream(E2E_SERVER_LOG);
const app = spawnNext(["start", "-p", String(E2E_APP_PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
app.stdout?.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
app.stderr?.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));

const stop = async () => {
  app.kill("SIGTERM");
  await simulator.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.on("exit", (code) => process.exit(code ?? 1));
