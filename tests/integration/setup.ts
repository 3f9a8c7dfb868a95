// Each integration test file gets its own migrated SQLite file, set before any module reads DATABASE_URL.
import { afterAll } from "vitest";
import { createMigratedDatabase } from "../helpers/migrated-db";
import { assertLocalDatabase } from "../helpers/assert-local-database";

const database = createMigratedDatabase("integration");
process.env.DATABASE_URL = database.url;
assertLocalDatabase(process.env.DATABASE_URL);
process.env.LOOKOUT_PROBE_INTERVAL = "off";

afterAll(() => database.remove());
