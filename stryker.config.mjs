// npm run test:mutation: mutation testing of the folders that carry Lookout's promises. Not part of
// `npm test` (it takes far longer than CI allows); run it before calling an issue that touches these
// folders resolved. Incremental: a re-run only tests mutants whose code or covering tests changed.
// Surviving mutants that cannot be killed are listed, with why, in stryker-equivalent-mutants.md.
// `npx stryker run` alone mutates every folder at once; npm run test:mutation scores them one by one.

/** The folders scored separately in the README, each with its own incremental file (see scripts/test-mutation.mjs). */
export const mutationFolders = {
  wake: "lib/wake/**/*.ts",
  autofix: "lib/autofix/**/*.ts",
  investigate: "lib/investigate/**/*.ts",
  auth: "lib/auth/**/*.ts",
  audit: "lib/audit/**/*.ts",
  detect: "lib/detect/**/*.ts",
  envelopes: "lib/envelopes/**/*.ts",
  cron: "lib/cron/**/*.ts",
  security: "lib/security/**/*.ts",
  redact: "lib/redact.ts",
};

// scripts/test-mutation.mjs names one folder at a time here; without it every folder is mutated at once.
const folder = process.env.LOOKOUT_MUTATION_FOLDER;
if (folder !== undefined && !Object.hasOwn(mutationFolders, folder)) throw new Error(`unknown mutation folder ${folder}`);
const name = folder ?? "all";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts" },
  coverageAnalysis: "perTest",
  mutate: folder ? [mutationFolders[folder]] : Object.values(mutationFolders),
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${name}.json`,
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ["data", "test-results", "playwright-report", ".next", "reports"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;
