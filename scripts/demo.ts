// npm run demo: the vendor simulator plus Lookout pointed at it, with a story (lib/demo/story.ts) that unfolds over a few minutes.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { buildDemoEnv } from "../lib/demo/build-demo-env";
import { createDb } from "../lib/db/create-db";
import { describeReceivedDm } from "../lib/demo/describe-received-dm";
import { createStoryPlayer } from "../lib/demo/story-player";
import { describeStoryTiming, planStoryTiming } from "../lib/demo/story-timing";
import { createSignInReminder, describeReplaced, describeSignIn } from "../lib/demo/sign-in-reminder";
import { resolvePublicUrl } from "../lib/public-url";
import { simulatorEnv, startSimulator } from "../simulator/server";

const SIMULATOR_PORT = Number(process.env.LOOKOUT_DEMO_SIMULATOR_PORT ?? 4010);
const STEP_MS = Number(process.env.LOOKOUT_DEMO_STEP_MS ?? 45_000);

const simulator = await startSimulator({ port: SIMULATOR_PORT });
console.log(`[demo] vendor simulator on ${simulator.url} (control: ${simulator.url}/_control/state)`);

// With a real ANTHROPIC_API_KEY in the environment the demo's investigations use Claude itself.
const realClaude = Boolean(process.env.ANTHROPIC_API_KEY);
const timing = planStoryTiming(STEP_MS);
const { env, replaced, password, passwordFromEnv } = buildDemoEnv(process.env, simulatorEnv(simulator.url), timing);
const replacedLine = describeReplaced(replaced);
if (replacedLine) console.log(replacedLine);
for (const line of describeStoryTiming(timing, env)) console.log(line);

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

// The story opens and ends its maintenance windows in Lookout's database, as an operator would in Settings.
const lookoutDb = createDb(env.DATABASE_URL);
const player = createStoryPlayer({ simulator, db: lookoutDb, stepMs: STEP_MS });
// Acts play one after another even if a window write is slow: the next waits for the one before.
let playing = Promise.resolve();
const advance = () => {
  playing = playing.then(async () => console.log(`[demo] ${new Date().toLocaleTimeString()} — ${(await player.next()).line}`));
};

// Show each DM the operator would get, as the simulated Slack receives it.
let shown = 0;
const dms = setInterval(() => {
  for (const message of simulator.state.slack.messages.slice(shown)) for (const line of describeReceivedDm(message)) console.log(line);
  shown = simulator.state.slack.messages.length;
}, 1_000);
advance();
const timer = setInterval(advance, STEP_MS);

const stop = async () => {
  clearInterval(timer);
  clearInterval(dms);
  app.kill("SIGTERM");
  await lookoutDb.$disconnect();
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
