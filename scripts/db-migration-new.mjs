// npm run db:migration -- <name>: authors one migration for each provider from its schema's change since HEAD.
// prisma/schema.prisma -> prisma/migrations (SQLite); prisma/postgres/schema.prisma -> prisma/postgres/migrations.
// `prisma migrate dev` does not work with the WASM engine, so each is a schema-to-schema diff; the Postgres
// diff runs against a throwaway embedded PostgreSQL, which the CLI needs to reach even for a diff.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower case, digits and underscores)");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const targets = [
  { schema: "prisma/schema.prisma", dir: "prisma/migrations", env: { DATABASE_URL: "file:./data/lookout.db" } },
  { schema: "prisma/postgres/schema.prisma", dir: "prisma/postgres/migrations", postgres: true },
];

function committedSchema(schema) {
  try {
    return execFileSync("git", ["show", `HEAD:${schema}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

const cluster = await startEmbeddedPostgres({ label: "migration" });
let wrote = 0;
try {
  for (const target of targets) {
    const env = { ...process.env, ...(target.postgres ? { DATABASE_URL: cluster.urlFor("postgres") } : target.env) };
    const before = committedSchema(target.schema);
    const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lookout-schema-")), "schema.prisma");
    if (before !== null) fs.writeFileSync(previous, before);
    const from = before === null ? ["--from-empty"] : ["--from-schema-datamodel", previous];
    const diff = spawnSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", target.schema, "--script"], { env, encoding: "utf8" });
    if (diff.status !== 0) {
      console.error(`${target.schema}: prisma migrate diff failed:\n${diff.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const sql = diff.stdout.replace(/^Loaded Prisma config.*\n/m, "");
    if (!sql.split("\n").some((line) => line.trim() && !line.startsWith("--"))) {
      console.log(`${target.schema}: no change since HEAD, nothing written`);
      continue;
    }
    const dir = path.join(target.dir, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
    console.log(`wrote ${dir}/migration.sql`);
    wrote++;
  }
} finally {
  await cluster.stop();
}
if (wrote) console.log("apply with: npm run db:migrate (SQLite, or PostgreSQL when DATABASE_URL is postgresql://…)");
