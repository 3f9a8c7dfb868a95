import { describe, expect, it } from "vitest";
import { isSecretKey, listCredentials, redactDetails } from "@/lib/probes/redact";
import { buildEnv } from "./fake-vendor";

describe("isSecretKey", () => {
  it.each(["token", "access_token", "apiKey", "api_key", "apikey", "SUPABASE_ANON_KEY", "client_secret", "password", "Authorization", "raw", "computed", "token_preview", "connection_string", "secrets"])(
    "drops %s",
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(["secrets_tracked", "oldest_secret_name", "oldest_secret_age_days", "token_type", "auth", "auth_version", "rest", "machines_total", "error_code"])(
    "keeps %s",
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe("redactDetails", () => {
  it("walks arrays and objects", () => {
    const details = { apps: [{ app: "runtime", authorization: "Bearer x", note: "key abcdefgh123 leaked" }], key: "k" };
    expect(redactDetails(details, ["abcdefgh123"])).toEqual({ apps: [{ app: "runtime", note: "key [redacted] leaked" }] });
  });

  it("collects every configured credential from the env", () => {
    const env = buildEnv({ FLY_API_TOKEN: "fo1_flytoken", SUPABASE_ANON_KEY: "anon-key-123", CRON_SECRET: "cron-secret-1", FLY_APPS: "runtime" });
    expect(listCredentials(env)).toEqual(expect.arrayContaining(["fo1_flytoken", "anon-key-123", "cron-secret-1"]));
    expect(listCredentials(env)).not.toContain("runtime");
  });
});
