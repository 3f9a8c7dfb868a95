// npm run test:mutation: mutation testing of the folders that carry Lookout's promises. Not part of
// `npm test` (it takes far longer than CI allows); run it before calling an issue that touches these
// folders resolved. Incremental: a re-run only tests mutants whose code or covering tests changed.
// Surviving mutants that cannot be killed are listed, with why, in stryker-equivalent-mutants.md.
// `npx stryker run` alone mutates every folder at once; npm run test:mutation scores them one by one.

/**
 * The folders scored separately in the README, each with its own incremental file (see scripts/test-mutation.mjs),
 * and, where given, the integration test files that speak for it. Unit and contract tests always run. Scoping the
 * slow integration files keeps a folder's run under an hour; it can only lower the score (a mutant another file
 * would have killed counts as a survivor), so the README's figures are a floor, never flattered.
 */
export const mutationFolders = {
  wake: { mutate: "lib/wake/**/*.ts", integration: ["consumer", "wake-retries", "debounce-scope", "ai-budget", "incidents", "apply-changes", "notify-resolutions", "build-investigation-request", "claim-wakes", "emit-wakes"] },
  autofix: { mutate: "lib/autofix/**/*.ts", integration: ["autofix", "autofix-scope", "autofix-records"] },
  investigate: { mutate: "lib/investigate/**/*.ts", integration: ["investigate", "ai-budget", "build-investigation-report", "claim-check"] },
  auth: {
    mutate: "lib/auth/**/*.ts",
    integration: ["sign-in", "sign-in-client-address", "named-operators", "protected-endpoints", "proxy", "operator-sessions", "current-operator", "operator-route"],
  },
  audit: { mutate: "lib/audit/**/*.ts", integration: ["audit-append-only", "audit-chain", "audit-list", "envelope-action"] },
  detect: { mutate: "lib/detect/**/*.ts", integration: ["incidents", "probe-cycle"] },
  envelopes: { mutate: "lib/envelopes/**/*.ts", integration: ["envelopes", "envelope-action"] },
  cron: { mutate: "lib/cron/**/*.ts" },
  security: { mutate: "lib/security/**/*.ts" },
  redact: { mutate: "lib/redact.ts", integration: ["secrets-stay-out", "simulator-leak"] },
};

// scripts/test-mutation.mjs names one folder at a time here; without it every folder is mutated at once.
const folder = process.env.LOOKOUT_MUTATION_FOLDER;
if (folder !== undefined && !Object.hasOwn(mutationFolders, folder)) throw new Error(`unknown mutation folder ${folder}`);
const name = folder ?? "all";
const integration = folder ? mutationFolders[folder].integration : undefined;
process.env.LOOKOUT_MUTATION_INTEGRATION = integration ? integration.join(",") : "";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  // vitest.mutation.config.ts reads the folder's integration files from this variable.
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  mutate: folder ? [mutationFolders[folder].mutate] : Object.values(mutationFolders).map((f) => f.mutate),
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${name}.json`,
  concurrency: 2,
  // Added to each run's measured time: long enough for a slow integration file, short enough that a hung mutant is cheap.
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ["data", "test-results", "playwright-report", ".next", "reports"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;
