import { defineConfig } from "@playwright/test";
import { E2E_APP_PORT, E2E_OPERATOR_STATE } from "./tests/e2e/ports";

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_APP_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  // One sign-in up front; every page spec runs in that operator session. sign-in.spec.ts starts signed out.
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "pages", dependencies: ["sign-in"], use: { storageState: E2E_OPERATOR_STATE } },
  ],
  webServer: {
    command: "npx tsx tests/e2e/serve.ts",
    url: `http://127.0.0.1:${E2E_APP_PORT}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
