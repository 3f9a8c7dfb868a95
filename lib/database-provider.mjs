// The one place that decides which database Lookout talks to, from DATABASE_URL alone. Plain JavaScript
// so that scripts/start.mjs and scripts/migrate.mjs (run by node before any build) share it with lib/.

/** The SQLite file Lookout uses when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = "file:./data/lookout.db";

/**
 * "sqlite" for file: URLs, "postgres" for postgres:// and postgresql:// URLs; anything else is refused
 * with a message naming the accepted forms.
 * @param {string} url
 * @returns {"sqlite" | "postgres"}
 */
export function databaseProvider(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must be a SQLite file URL like ${DEFAULT_DATABASE_URL} or a PostgreSQL URL like postgresql://user:password@host:5432/lookout (got "${redactUrl(url)}").`);
}

/**
 * What the provider asks of LOOKOUT_SESSION_SECRET, or null. Several instances or serverless functions share
 * nothing but the database, so on PostgreSQL the key that signs session cookies cannot be a file one
 * instance generated: it must be given. scripts/start.mjs asks before migrating, lib/env.ts on every parse.
 * @param {string} url a valid DATABASE_URL
 * @param {string | undefined} secret
 * @returns {string | null}
 */
export function sessionSecretProblem(url, secret) {
  if (databaseProvider(url) !== "postgres" || secret) return null;
  return "is required when DATABASE_URL is PostgreSQL (every instance must sign sessions with the same key; e.g. openssl rand -base64 32)";
}

/**
 * The URL with its password replaced, for messages and logs.
 * @param {string} url
 */
export function redactUrl(url) {
  // The password runs to the last @ of the authority: an unescaped @ inside a password is common.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^/?#]*@/i, "$1:***@");
}
