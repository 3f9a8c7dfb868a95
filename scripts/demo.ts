// npm run demo: the vendor simulator plus Lookout pointed at it, with a scenario that unfolds over a few minutes.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { buildDemoEnv } from "../lib/demo/build-demo-env";
import { createSignInReminder, describeReplaced, describeSignIn } from "../lib/demo/sign-in-reminder";
import { resolvePublicUrl } from "../lib/public-url";
import { scriptRestart, type ScenarioName } from "../simulator/scenarios";
import { simulatorEnv, startSimulator } from "../simulator/server";

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

// With a real ANTHROPIC_API_KEY in the environment the demo's investigations use Claude itself.
const realClaude = Boolean(process.env.ANTHROPIC_API_KEY);
const { env, replaced, password, passwordFromEnv } = buildDemoEnv(process.env, simulatorEnv(simulator.url));
const replacedLine = describeReplaced(replaced);
if (replacedLine) console.log(replacedLine);

// The server's output passes through here so the sign-in line can follow the first cycles' logs.
const app = spawn("node", ["scripts/start.mjs"], { stdio: ["inherit", "pipe", "inherit"], env });
const signIn = describeSignIn(resolvePublicUrl({ LOOKOUT_PUBLIC_URL: env.LOOKOUT_PUBLIC_URL, PORT: env.PORT }), password, passwordFromEnv);
const remind = createSignInReminder(signIn);
readline.createInterface({ input: app.stdout! }).on("line", (line) => {
  console.log(line);
  for (const extra of remind(line)) console.log(extra);
});

console.log(signIn);
console.log(`[demo] investigations: ${realClaude ? "Claude (ANTHROPIC_API_KEY is set)" : "the simulator's scripted model"}; Slack: the simulator`);

let step = 0;
const advance = () => {
  const { scenarios, say } = story[step % story.length]!;
  // Not reset(): that would also forget the Slack messages the incidents' threads hang off.
  simulator.applyScenario("all-healthy");
  for (const name of scenarios) simulator.applyScenario(name);
  // The scripted model asks to restart the failed machine; Lookout does it only if the Fly envelope is on.
  // The script is keyed to the fly probe, so the Vercel or Sentry investigation running beside it cannot
  // take it; they get the simulator's default findings for their own issue.
  const failed = simulator.state.fly.apps.flatMap((app) => app.machines.filter((m) => m.state === "failed").map((m) => [app.name, m.id] as const))[0];
  if (failed) simulator.state.anthropic.script = scriptRestart(failed[0], failed[1]);
  console.log(`[demo] ${new Date().toLocaleTimeString()} — ${say}`);
  step++;
};

// Show each DM the operator would get, as the simulated Slack receives it.
let shown = 0;
const dms = setInterval(() => {
  for (const message of simulator.state.slack.messages.slice(shown)) {
    console.log(`[demo] Slack DM${message.threadTs ? " (in thread)" : ""}: ${message.text.split("\n")[0]}`);
  }
  shown = simulator.state.slack.messages.length;
}, 1_000);
advance();
const timer = setInterval(advance, STEP_MS);

const stop = async () => {
  clearInterval(timer);
  clearInterval(dms);
  app.kill("SIGTERM");
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => {
  clearInterval(timer);
  clearInterval(dms);
  void simulator.close().then(() => process.exit(code ?? 0));
});
