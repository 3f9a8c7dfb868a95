// npm test: lint, typecheck, unit + integration (Vitest), e2e (Playwright in Debian's Chromium).
// Ends with one plain line "N passed, N failed" summing every suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { ensureChromium } from "./ensure-chromium.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
fs.mkdirSync("test-results", { recursive: true });
const tally = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args) {
  console.log(`\n── ${label}: ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

function check(label, ok) {
  if (ok) return void tally.passed++;
  tally.failed++;
  failures.push(label);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

check("lint", run("lint", "npx", ["eslint", ".", "--max-warnings", "0"]));
check("typecheck", run("typecheck", "npx", ["tsc", "--noEmit"]));

fs.rmSync("test-results/vitest.json", { force: true });
const vitestOk = run("unit + integration", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
const vitest = readJson("test-results/vitest.json");
if (vitest) {
  tally.passed += vitest.numPassedTests;
  tally.failed += vitest.numFailedTests;
  if (vitest.numFailedTests) failures.push(`vitest (${vitest.numFailedTests})`);
}
if (!vitest || (!vitestOk && !vitest.numFailedTests)) check("vitest run", false);

const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n${chromium.message}`);
  check("e2e (no chromium)", false);
} else if (!buildIfNeeded(env)) {
  check("e2e (next build failed)", false);
} else {
  fs.rmSync("test-results/e2e.json", { force: true });
  const e2eOk = run("e2e", "npx", ["playwright", "test"]);
  const stats = readJson("test-results/e2e.json")?.stats;
  if (stats) {
    tally.passed += stats.expected + stats.flaky;
    tally.failed += stats.unexpected;
    if (stats.unexpected) failures.push(`e2e (${stats.unexpected})`);
  }
  if (!stats || (!e2eOk && !stats.unexpected)) check("playwright run", false);
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
