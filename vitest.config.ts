import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// Integration files that never reach the database (the simulator on its own, probes with volatile memory,
// the scheduler with stand-in cycles): a second provider would only run them again.
const databaseFreeIntegrationFiles = [
  "tests/integration/scheduler.test.ts",
  "tests/integration/simulator.test.ts",
  "tests/integration/simulator-anthropic.test.ts",
  "tests/integration/simulator-faults.test.ts",
  "tests/integration/simulator-leak.test.ts",
  "tests/integration/simulator-slack.test.ts",
  // The doctor never opens the database; its runs point at a SQLite file of their own (or a PostgreSQL URL it only validates).
  "tests/integration/doctor.test.ts",
];

function integrationProject(provider: "sqlite" | "postgres") {
  return {
    extends: true as const,
    test: {
      name: `integration:${provider}`,
      include: ["tests/integration/**/*.test.ts"],
      exclude: [...configDefaults.exclude, ...(provider === "postgres" ? databaseFreeIntegrationFiles : [])],
      environment: "node",
      setupFiles: ["tests/integration/setup.ts"],
      globalSetup: provider === "postgres" ? ["tests/helpers/postgres-global-setup.ts"] : [],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      // The vendors' published contracts against the simulator and the probes; no database.
      { extends: true, test: { name: "contracts", include: ["tests/contracts/**/*.test.ts"], environment: "node", testTimeout: 30_000 } },
      // The provider matrix: every integration file runs once on SQLite and once on PostgreSQL.
      integrationProject("sqlite"),
      integrationProject("postgres"),
      // Several real `next start` servers on one PostgreSQL, against the production build (made if missing).
      // Each file runs its own cluster and servers; one file at a time keeps the machine responsive.
      {
        extends: true,
        test: {
          name: "instances",
          include: ["tests/instances/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/instances/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
