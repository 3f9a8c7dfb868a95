import { migratePostgres } from "../scripts/migrate-postgres.mjs";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../scripts/embedded-postgres.mjs";
import { createMigratedDatabase } from "../tests/helpers/migrated-db";

export type Provider = "sqlite" | "postgres";

/** A fresh, migrated database for one benchmark on one provider. */
export interface BenchTarget {
  provider: Provider;
  url: string;
  remove(): Promise<void>;
}

let serial = 0;

/** SQLite: a file with the committed migrations. Postgres: a new database on `cluster`, migrated by Lookout's own runner. */
export async function createBenchTarget(provider: Provider, label: string, cluster: EmbeddedCluster | null): Promise<BenchTarget> {
  if (provider === "sqlite") {
    const db = createMigratedDatabase(`bench-${label}`);
    return { provider, url: db.url, remove: async () => db.remove() };
  }
  if (!cluster) throw new Error("no PostgreSQL is running for the Postgres benchmarks");
  const url = await cluster.createDatabase(`bench_${label.replace(/\W/g, "_")}_${++serial}`);
  await migratePostgres(url, { log: () => {} });
  return { provider, url, remove: async () => {} };
}

/** The providers to run, from `--provider sqlite|postgres|both` (default both, or SQLite alone when no PostgreSQL can start). */
export async function resolveProviders(flag: string | undefined): Promise<{ providers: Provider[]; cluster: EmbeddedCluster | null }> {
  if (flag && !["sqlite", "postgres", "both"].includes(flag)) throw new Error(`--provider must be sqlite, postgres or both (got "${flag}")`);
  if (flag === "sqlite") return { providers: ["sqlite"], cluster: null };
  try {
    const cluster = await startEmbeddedPostgres({ label: "bench" });
    return { providers: flag === "postgres" ? ["postgres"] : ["sqlite", "postgres"], cluster };
  } catch (error) {
    if (flag === "postgres" || flag === "both") throw error;
    console.error(`[bench] PostgreSQL benchmarks skipped, SQLite only: the embedded PostgreSQL did not start (${error instanceof Error ? error.message : String(error)})`);
    return { providers: ["sqlite"], cluster: null };
  }
}
