import path from "node:path";
import { defineConfig } from "vitest/config";

function integrationProject(provider: "sqlite" | "postgres") {
  return {
    extends: true as const,
    test: {
      name: `integration:${provider}`,
      include: ["tests/integration/**/*.test.ts"],
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
      ...(process.env.LOOKOUT_TEST_POSTGRES === "1" ? [integrationProject("postgres")] : []),
    ],
  },
});
