// CLI: `npx tsx simulator/main.ts [--port 4010] [--host 127.0.0.1] [--scenario name] [--print-env]`
// Starts the vendor simulator, prints one JSON line with its URL, and runs until SIGINT/SIGTERM.
// --print-env only prints the Lookout variables (KEY=value lines) that point at a simulator on that port.
import { parseArgs } from "node:util";
import { isScenarioName, scenarioNames } from "./scenarios";
import { simulatorEnv, startSimulator } from "./server";

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    scenario: { type: "string" },
    "print-env": { type: "boolean", default: false },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be 0-65535 (got ${values.port})`);
if (values.scenario !== undefined && !isScenarioName(values.scenario)) {
  fail(`unknown --scenario ${values.scenario}; choose one of: ${scenarioNames.join(", ")}`);
}

if (values["print-env"]) {
  // The simulator's credentials are fakes it alone accepts, so printing them reveals nothing.
  const url = `http://${values.host.includes(":") ? `[${values.host}]` : values.host}:${port}`;
  for (const [key, value] of Object.entries(simulatorEnv(url))) console.log(`${key}=${value}`);
  process.exit(0);
}

const sim = await startSimulator({ port, host: values.host });
if (values.scenario !== undefined && isScenarioName(values.scenario)) sim.applyScenario(values.scenario);
console.log(JSON.stringify({ simulator: sim.url }));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sim.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
