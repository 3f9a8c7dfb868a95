// Each integration test file gets its own migrated database, set before any module reads DATABASE_URL:
// a SQLite file in the integration:sqlite project, a PostgreSQL database in integration:postgres.
import { afterAll, inject } from "vitest";
import { assertLocalDatabase } from "../helpers/assert-local-database";
import { createTestDatabase } from "../helpers/test-database";

const postgresAdminUrl = inject("postgresAdminUrl");
const database = await createTestDatabase("integration");
process.env.DATABASE_URL = database.url;
assertLocalDatabase(process.env.DATABASE_URL);
process.env.LOOKOUT_PROBE_INTERVAL = "off";
// On PostgreSQL a session secret is required; the same fixed one for every file.
if (postgresAdminUrl) process.env.LOOKOUT_SESSION_SECRET ??= "integration-tests-session-secret-0123456789";

afterAll(() => database.remove());
