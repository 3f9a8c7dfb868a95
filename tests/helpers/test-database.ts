import { inject } from "vitest";
import { createMigratedDatabase } from "./migrated-db";
import { createPostgresDatabase } from "./postgres-database";

/**
 * A fresh migrated database on the provider of the project running the test: a SQLite file in
 * integration:sqlite, a database on the tests' PostgreSQL in integration:postgres.
 */
export async function createTestDatabase(label: string): Promise<{ url: string; remove(): Promise<void> }> {
  const postgresAdminUrl = inject("postgresAdminUrl");
  if (postgresAdminUrl) return createPostgresDatabase(postgresAdminUrl, label);
  const file = createMigratedDatabase(label);
  return { url: file.url, remove: async () => file.remove() };
}
