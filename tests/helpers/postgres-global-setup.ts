// Vitest globalSetup of the integration:postgres project: one embedded PostgreSQL for the whole run,
// and a migrated template database that each test file's database is copied from.
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres.mjs";
import { migratePostgres } from "../../scripts/migrate-postgres.mjs";

export const TEMPLATE_DATABASE = "lookout_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startEmbeddedPostgres({ label: "tests" });
  await migratePostgres(await cluster.createDatabase(TEMPLATE_DATABASE));
  project.provide("postgresAdminUrl", cluster.urlFor("postgres"));
  return () => cluster.stop();
}
