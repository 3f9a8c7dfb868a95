import { describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import { isSecretKey, listCredentials } from "@/lib/redact";
import { buildEnv } from "./probes/fake-vendor";

describe("isSecretKey: the last word names a secret", () => {
  // Each secret word on its own, so dropping any one of them from the list is noticed.
  it.each(["token", "tokens", "key", "keys", "apikey", "secret", "secrets", "password", "passwords", "passwd", "authorization", "cookie", "credential", "credentials", "preview", "raw", "computed", "dsn"])(
    "the word %s alone",
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each([
    ["snake_case", "refresh_token"],
    ["SCREAMING_CASE", "SENTRY_DSN"],
    ["kebab-case header", "X-Api-Key"],
    ["header with a separator word", "Set-Cookie"],
    ["camelCase with one hump", "apiKey"],
    ["camelCase with two humps", "userAccessToken"],
    ["PascalCase", "ClientSecret"],
    ["a hump after an a", "dataKey"],
    ["a hump after a z", "authzToken"],
    ["a hump that starts with an A", "clientAuthorization"],
    ["a digit before the hump", "oauth2Token"],
    ["digits inside a word before the hump", "sha256Token"],
    ["a 9 before the hump", "x509Key"],
    ["a trailing separator", "session_token_"],
    ["separators on both ends", "__secret__"],
    ["a numbered key", "api_key_2"],
    ["a number glued to the secret word", "SLACK_TOKEN2"],
    ["a numbered camelCase key", "apiKey10"],
  ])("%s: %s", (_case, key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    ["an earlier word names a secret, the last does not", "secrets_tracked"],
    ["token metadata, snake_case", "token_type"],
    ["token metadata, camelCase", "tokenType"],
    ["a key's id", "apiKeyId"],
    ["a count of keys", "key_count"],
    ["a secret word glued inside a longer word", "monkey"],
    ["a secret word as a prefix of a longer word", "passwordless"],
    ["raw as the first word only", "raw_bytes"],
    ["digits belong to their word", "s3_bucket"],
    ["digits inside a word keep it one word", "pass2word"],
    ["nothing at all", ""],
    ["only separators", "__"],
  ])("%s: %s is not secret", (_case, key) => expect(isSecretKey(key)).toBe(false));

  it.each(["connection_string", "connectionString", "PrimaryConnectionString", "CONNECTIONSTRING", "DATABASE_URL", "databaseUrl", "database_url", "DATABASEURL"])(
    "%s names a connection secret even though its last word does not",
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(["connection_count", "database_name", "url", "string"])("%s is not a connection secret", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("listCredentials", () => {
  it("lists secret-named values of 8 characters or more and nothing shorter", () => {
    expect(listCredentials(buildEnv({ CRON_SECRET: "12345678" }))).toContain("12345678");
    expect(listCredentials(buildEnv({ CRON_SECRET: "1234567" }))).not.toContain("1234567");
  });

  it("lists every configured vendor credential and the database URL", () => {
    const env = buildEnv({
      SUPABASE_ACCESS_TOKEN: "sbp-access-0001",
      SUPABASE_SERVICE_ROLE_KEY: "service-role-0002",
      FLY_API_TOKEN: "fly-token-0003",
      VERCEL_TOKEN: "vercel-token-0004",
      SENTRY_AUTH_TOKEN: "sentry-token-0005",
    });
    expect(listCredentials(env).toSorted()).toEqual(["file:./data/test.db", "fly-token-0003", "sbp-access-0001", "sentry-token-0005", "service-role-0002", "vercel-token-0004"]);
  });

  it("leaves values whose names are not secret-like, however long", () => {
    const env = buildEnv({
      SUPABASE_URL: "https://abcdefghijkl.supabase.co",
      VERCEL_PROJECT_ID: "prj_1234567890abcdef",
      LOOKOUT_OPERATOR_NAME: "maya.ops",
      FLY_APPS: "runtime-app,worker-app",
    });
    expect(listCredentials(env)).toEqual(["file:./data/test.db"]);
  });

  it("ignores values that are not strings, even under secret-like names", () => {
    // The schema has no such entry today; the function must not hand an array or number on as a credential.
    const env = {
      API_KEYS: ["key-0001", "key-0002", "key-0003", "key-0004", "key-0005", "key-0006", "key-0007", "key-0008"],
      SESSION_TOKEN: 1234567890,
      SERVICE_SECRET: "abcdefgh",
    } as unknown as Env;
    expect(listCredentials(env)).toEqual(["abcdefgh"]);
  });
});
