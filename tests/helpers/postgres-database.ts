import { randomBytes } from "node:crypto";
import pg from "pg";

const TEMPLATE_DATABASE = "lookout_template";

/**
 * A fresh migrated database on the tests' embedded PostgreSQL, copied from the migrated template.
 * Returns its URL and a `remove()` that drops it.
 */
export async function createPostgresDatabase(adminUrl: string, label = "test"): Promise<{ url: string; remove(): Promise<void> }> {
  const name = `lookout_${label.replace(/\W/g, "_")}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async remove() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await client.end();
    },
  };
}
