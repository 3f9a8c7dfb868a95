// npm test: lint, typecheck, unit + integration (Vitest), instances (Vitest on the build), e2e (Playwright in Debian's Chromium).
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

/** One Vitest run whose per-test counts, read from its JSON report, go into the tally. */
function runVitest(label, name, args) {
  const report = `test-results/${name}.json`;
  fs.rmSync(report, { force: true });
  const ok = run(label, "npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const results = readJson(report);
  if (results) {
    tally.passed += results.numPassedTests;
    tally.failed += results.numFailedTests;
    if (results.numFailedTests) failures.push(`${name} (${results.numFailedTests})`);
  }
  if (!results || (!ok && !results.numFailedTests)) check(`${name} run`, false);
}

// The instances project serves the production build, so it runs once the build is there.
runVitest("unit + integration", "vitest", ["--project", "!instances"]);

const built = buildIfNeeded(env);
if (!built) check("next build", false);
else runVitest("instances (next start × 2 on one PostgreSQL)", "instances", ["--project", "instances"]);

const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n${chromium.message}`);
  check("e2e (no chromium)", false);
} else if (built) {
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
