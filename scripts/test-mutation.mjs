// npm run test:mutation [folder ...] [--force | --retest-survivors]: Stryker over each promise-carrying folder in
// turn (all of them by default), each with its own incremental file, so a re-run only tests what changed there.
// --force tests every mutant again; --retest-survivors tests again only the mutants no test killed last time and those
// that timed out (the incremental file keeps a survivor's result until its own code changes, even after a test for it
// was added; and a timeout on a busy machine may be slowness, not a test noticing the mutant).
// Prints one score line per folder and writes reports/mutation/scores.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { mutationFolders } from "../stryker.config.mjs";

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const retestSurvivors = flags.includes("--retest-survivors");
const options = flags.filter((a) => a !== "--retest-survivors");
const asked = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const unknown = asked.filter((name) => !Object.hasOwn(mutationFolders, name));
if (unknown.length) {
  console.error(`unknown folder ${unknown.join(", ")}; choose from: ${Object.keys(mutationFolders).join(", ")}`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(mutationFolders);
fs.mkdirSync("reports/mutation", { recursive: true });
const scoresFile = "reports/mutation/scores.json";
const scores = fs.existsSync(scoresFile) ? JSON.parse(fs.readFileSync(scoresFile, "utf8")) : {};

/** Mutation score as Stryker counts it: killed and timed out over all valid mutants. */
function score(report) {
  const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Killed") counts.killed++;
      else if (m.status === "Timeout") counts.timeout++;
      else if (m.status === "Survived") counts.survived++;
      else if (m.status === "NoCoverage") counts.noCoverage++;
      else if (m.status === "RuntimeError" || m.status === "CompileError") counts.errors++;
    }
  }
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  return { ...counts, score: valid ? Math.round(((counts.killed + counts.timeout) / valid) * 10_000) / 100 : null };
}

/** Drops the folder's surviving, uncovered and timed-out mutants from its incremental file, so Stryker tests them again. */
function forgetSurvivors(name) {
  const file = `reports/stryker-incremental/${name}.json`;
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  let forgotten = 0;
  for (const entry of Object.values(report.files)) {
    const kept = entry.mutants.filter((m) => m.status !== "Survived" && m.status !== "NoCoverage" && m.status !== "Timeout");
    forgotten += entry.mutants.length - kept.length;
    entry.mutants = kept;
  }
  fs.writeFileSync(file, JSON.stringify(report));
  console.log(`${name}: ${forgotten} surviving or timed-out mutants will be tested again`);
}

let failed = false;
for (const name of names) {
  const json = `reports/mutation/${name}.json`;
  // stryker.config.mjs reads the folder: Stryker's command line cannot set the reporters' file names.
  fs.rmSync(json, { force: true });
  if (retestSurvivors) forgetSurvivors(name);
  const run = spawnSync("npx", ["stryker", "run", ...options], { stdio: "inherit", env: { ...process.env, LOOKOUT_MUTATION_FOLDER: name } });
  if (run.status !== 0 || !fs.existsSync(json)) {
    console.error(`mutation testing of ${name} did not finish (exit ${run.status})`);
    failed = true;
    continue;
  }
  scores[name] = { ...score(JSON.parse(fs.readFileSync(json, "utf8"))), at: new Date().toISOString() };
  fs.writeFileSync(scoresFile, `${JSON.stringify(scores, null, 2)}\n`);
}

console.log("\nmutation score per folder (killed + timeout over all valid mutants):");
for (const [name, s] of Object.entries(scores)) {
  console.log(`  ${name.padEnd(12)} ${String(s.score ?? "-").padStart(6)} %  killed ${s.killed}, timeout ${s.timeout}, survived ${s.survived}, no coverage ${s.noCoverage}`);
}
process.exit(failed ? 1 : 0);
