import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashSignInToken } from "@/lib/auth/sign-in-token";
import { databaseProvider } from "@/lib/database-provider.mjs";
import { db } from "@/lib/db";

// npm run sign-in-token against this file's own database, SQLite or PostgreSQL.

const url = process.env.DATABASE_URL!;
const onPostgres = databaseProvider(url) === "postgres";
const password = onPostgres ? new URL(url).password : null;

// Without LOOKOUT_SESSION_SECRET, which the server needs on PostgreSQL: issuing a token needs only the database.
function runSignInToken(overrides: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, LOOKOUT_OPERATOR_PASSWORD: undefined, LOOKOUT_OPERATORS: undefined, LOOKOUT_SESSION_SECRET: undefined, ...overrides };
  const run = spawnSync("npx", ["tsx", "scripts/sign-in-token.ts"], { cwd: path.resolve(import.meta.dirname, "../.."), env: env as NodeJS.ProcessEnv, encoding: "utf8" });
  const output = `${run.stdout}${run.stderr}`;
  if (password) expect(output).not.toContain(password);
  return { status: run.status, output };
}

describe("npm run sign-in-token", () => {
  it("stores a new unused token's hash in the database and prints the token", async () => {
    const run = runSignInToken({ DATABASE_URL: url });
    expect(run.status).toBe(0);
    const token = /^ {4}(\S+)$/m.exec(run.output)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await db.signInToken.findFirst({ where: { tokenHash: hashSignInToken(token!) } })).toMatchObject({ usedAt: null });
  }, 60_000);

  it("exits 2 naming the database, without its password, when there is no Lookout database there", () => {
    const missing = onPostgres ? url.replace(/\/[^/]*$/, "/lookout_no_such_database") : "file:/tmp/lookout-no-such-dir/lookout.db";
    const run = runSignInToken({ DATABASE_URL: missing });
    expect(run.status).toBe(2);
    expect(run.output).toMatch(
      onPostgres
        ? /^sign-in-token: cannot issue a token in the Lookout database at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/lookout_no_such_database \(.+\); start Lookout once \(npm start\) first\.$/m
        : /^sign-in-token: no Lookout database at \/tmp\/lookout-no-such-dir\/lookout\.db; start Lookout once/m,
    );
  }, 60_000);

  it("exits 2 when passwords are configured, since tokens are then ignored", () => {
    const run = runSignInToken({ DATABASE_URL: url, LOOKOUT_OPERATOR_PASSWORD: "a-configured-password-123" });
    expect(run.status).toBe(2);
    expect(run.output).toContain("signs in with passwords and ignores tokens");
  }, 60_000);
});
