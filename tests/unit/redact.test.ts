import { describe, expect, it } from "vitest";
import { isSecretKey, listCredentials, redactDetails, redactText } from "@/lib/redact";
import { buildEnv } from "./probes/fake-vendor";

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

  it("knows Lookout's own sign-in secrets too, but not the operator's name", () => {
    const env = buildEnv({ LOOKOUT_OPERATOR_PASSWORD: "operator-password-123", LOOKOUT_SESSION_SECRET: "s".repeat(40), LOOKOUT_OPERATOR_NAME: "maya.ops" });
    expect(listCredentials(env)).toEqual(expect.arrayContaining(["operator-password-123", "s".repeat(40)]));
    expect(listCredentials(env)).not.toContain("maya.ops");
  });
});

describe("redactText on token shapes", () => {
  it.each([
    ["Supabase access token sbp_0123456789abcdef rejected", "Supabase access token [redacted] rejected"],
    ["token dp.st.prd.AbCdEf123456789 leaked", "token [redacted] leaked"],
    ["xoxb-1234-5678-abcdefgh in a message", "[redacted] in a message"],
    ["key sk-ant-api03-abcdefghijkl", "key [redacted]"],
    ["Authorization: Bearer abcdefghijklmnop", "Authorization: Bearer [redacted]"],
    ["FlyV1 fm2_lJPECAAAAAAA", "FlyV1 [redacted]"],
    ["postgres://app:s3cr3t-pass@db.example.com:5432/app", "postgres://app:[redacted]@db.example.com:5432/app"],
    ["FlyV1 fm2_lJPECAAAAAAA,fm2_secondPartOfTheMacaroon end", "FlyV1 [redacted] end"],
    ["github ghp_abcdefghijklmnopqrstuvwxyz0123 here", "github [redacted] here"],
    ["stripe sk_live_51ABCDEFghijklmnop here", "stripe [redacted] here"],
    ["aws AKIAIOSFODNN7EXAMPLE here", "aws [redacted] here"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P here", "jwt [redacted] here"],
    ["nothing secret here: 3 of 4 machines started", "nothing secret here: 3 of 4 machines started"],
  ])("masks %j", (input, expected) => {
    expect(redactText(input, [])).toBe(expected);
  });
});

describe("redactText on credentials cut short", () => {
  const secret = "sim-vercel-Vt9kP2mQ7rX4";

  it("masks the head of a credential where a truncated message ends with an ellipsis or just stops", () => {
    expect(redactText(`Vercel API answered HTTP 400: bad token ${secret.slice(0, 14)}…`, [secret])).toBe("Vercel API answered HTTP 400: bad token [redacted]…");
    expect(redactText(`bad token ${secret.slice(0, 10)}`, [secret])).toBe("bad token [redacted]");
    expect(redactText(`whole ${secret} and cut ${secret.slice(0, 12)}…`, [secret])).toBe("whole [redacted] and cut [redacted]…");
  });

  it("leaves a short coincidental prefix and text that merely continues alone", () => {
    expect(redactText("status sim-ver", [secret])).toBe("status sim-ver");
    expect(redactText(`${secret.slice(0, 12)} continues normally`, [secret])).toBe(`${secret.slice(0, 12)} continues normally`);
  });
});
