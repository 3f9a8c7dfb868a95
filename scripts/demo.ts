// npm run demo: the vendor simulator plus Lookout pointed at it, with a scenario that unfolds over a few minutes.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { simulatorEnv, startSimulator } from "../simulator/server";
import type { ScenarioName } from "../simulator/scenarios";

const SIMULATOR_PORT = Number(process.env.LOOKOUT_DEMO_SIMULATOR_PORT ?? 4010);
const STEP_MS = Number(process.env.LOOKOUT_DEMO_STEP_MS ?? 45_000);

// Each step holds for STEP_MS; then the story starts over.
const story: { scenarios: ScenarioName[]; say: string }[] = [
  { scenarios: ["all-healthy"], say: "all five vendors healthy" },
  { scenarios: ["fly-machine-fails"], say: "a Fly machine in lookout-runtime fails" },
  { scenarios: ["fly-machine-fails", "vercel-errors-rise"], say: "Vercel deployments start failing" },
  { scenarios: ["fly-machine-fails", "vercel-errors-rise", "sentry-pileup"], say: "Sentry issues pile up" },
  { scenarios: ["secret-ages"], say: "Fly, Vercel and Sentry recover; a Doppler secret is now over 200 days old" },
  { scenarios: ["all-healthy"], say: "everything recovers" },
];

const simulator = await startSimulator({ port: SIMULATOR_PORT });
console.log(`[demo] vendor simulator on ${simulator.url} (control: ${simulator.url}/_control/state)`);

const env = {
  ...process.env,
  ...simulatorEnv(simulator.url),
  DATABASE_URL: process.env.LOOKOUT_DEMO_DATABASE_URL ?? "file:./data/demo.db",
  LOOKOUT_PROBE_INTERVAL: process.env.LOOKOUT_PROBE_INTERVAL ?? "15s",
  LOOKOUT_DASHBOARD_REFRESH_MS: "5000",
  CRON_SECRET: process.env.CRON_SECRET ?? randomBytes(16).toString("hex"),
};
const app = spawn("node", ["scripts/start.mjs"], { stdio: "inherit", env });

let step = 0;
const advance = () => {
  const { scenarios, say } = story[step % story.length]!;
  simulator.reset();
  for (const name of scenarios) simulator.applyScenario(name);
  console.log(`[demo] ${new Date().toLocaleTimeString()} — ${say}`);
  step++;
};
advance();
const timer = setInterval(advance, STEP_MS);

const stop = async () => {
  clearInterval(timer);
  app.kill("SIGTERM");
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => {
  clearInterval(timer);
  void simulator.close().then(() => process.exit(code ?? 0));
});
