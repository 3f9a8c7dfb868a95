import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("gives working defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATABASE_URL: "file:./data/lookout.db",
      LOOKOUT_PROBE_INTERVAL: 300_000,
      LOOKOUT_PROBE_TIMEOUT_MS: 10_000,
      FLY_API_URL: "https://api.machines.dev",
      FLY_APPS: [],
      LOOKOUT_VERCEL_ERROR_RATE_MAX: 0.1,
    });
    expect(env.CRON_SECRET).toBeUndefined();
  });

  it("treats empty strings as unset, as a copied .env.example has them", () => {
    expect(parseEnv({ FLY_API_TOKEN: "", SUPABASE_URL: "", LOOKOUT_PROBE_INTERVAL: "" })).toMatchObject({
      FLY_API_TOKEN: undefined,
      SUPABASE_URL: undefined,
      LOOKOUT_PROBE_INTERVAL: 300_000,
    });
  });

  it.each([
    ["off", null],
    ["OFF", null],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["90", 90_000],
  ])("reads LOOKOUT_PROBE_INTERVAL=%s", (raw, ms) => {
    expect(parseEnv({ LOOKOUT_PROBE_INTERVAL: raw }).LOOKOUT_PROBE_INTERVAL).toBe(ms);
  });

  it("splits comma lists and trims trailing slashes from base URLs", () => {
    const env = parseEnv({ FLY_APPS: " runtime, staging ,", FLY_API_URL: "http://127.0.0.1:4010/fly/" });
    expect(env.FLY_APPS).toEqual(["runtime", "staging"]);
    expect(env.FLY_API_URL).toBe("http://127.0.0.1:4010/fly");
  });

  it("takes Sentry projects as ids or slugs, and refuses anything else", () => {
    expect(parseEnv({ SENTRY_PROJECTS: "4504012345678912, web-app,api_v2" }).SENTRY_PROJECTS).toEqual(["4504012345678912", "web-app", "api_v2"]);
    expect(() => parseEnv({ SENTRY_PROJECTS: "web app" })).toThrow(/SENTRY_PROJECTS: must be Sentry project ids \(digits\) or slugs/);
    expect(() => parseEnv({ SENTRY_PROJECTS: "Web-App" })).toThrow(EnvError);
  });

  it("lists every bad variable at once, readably, without echoing secret values", () => {
    let error: unknown;
    try {
      parseEnv({
        LOOKOUT_PROBE_INTERVAL: "often",
        LOOKOUT_PROBE_TIMEOUT_MS: "-3",
        FLY_API_URL: "ftp://example.com",
        LOOKOUT_VERCEL_ERROR_RATE_MAX: "15",
        DATABASE_URL: "mysql://u:p@db/x",
        SUPABASE_PROBE_TABLE: "x; drop",
        SENTRY_AUTH_TOKEN: "sntrys_secret_value",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(
      ["DATABASE_URL", "FLY_API_URL", "LOOKOUT_PROBE_INTERVAL", "LOOKOUT_PROBE_TIMEOUT_MS", "LOOKOUT_VERCEL_ERROR_RATE_MAX", "SUPABASE_PROBE_TABLE"].sort(),
    );
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
    expect(message).toContain('LOOKOUT_PROBE_INTERVAL: must be "off" or a duration');
    expect(message).not.toContain("sntrys_secret_value");
  });
});

describe("DATABASE_URL", () => {
  it("takes a SQLite file URL or a PostgreSQL URL, and nothing else", () => {
    expect(parseEnv({}).DATABASE_URL).toBe("file:./data/lookout.db");
    const secret = "s".repeat(32);
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/x", LOOKOUT_SESSION_SECRET: secret }).DATABASE_URL).toBe("postgres://u:p@db:5432/x");
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db/x", LOOKOUT_SESSION_SECRET: secret }).DATABASE_URL).toBe("postgresql://u:p@db/x");
    expect(() => parseEnv({ DATABASE_URL: "mysql://u:p@db/x" })).toThrow(/DATABASE_URL: must be a SQLite file URL like file:\.\/data\/lookout\.db or a PostgreSQL URL/);
  });

  it("requires LOOKOUT_SESSION_SECRET on PostgreSQL, naming the variable, and not on SQLite", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgresql://u:p@db/x" })).toThrow(/LOOKOUT_SESSION_SECRET: is required when DATABASE_URL is PostgreSQL/);
    expect(() => parseEnv({ DATABASE_URL: "postgresql://u:p@db/x", LOOKOUT_SESSION_SECRET: "short" })).toThrow(/LOOKOUT_SESSION_SECRET: must be at least 32 characters/);
    expect(parseEnv({ DATABASE_URL: "file:./data/x.db" }).LOOKOUT_SESSION_SECRET).toBeUndefined();
  });
});

describe("public URL", () => {
  it("follows PORT when LOOKOUT_PUBLIC_URL is not set, so links point where the server listens", () => {
    expect(parseEnv({}).LOOKOUT_PUBLIC_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "4123" }).LOOKOUT_PUBLIC_URL).toBe("http://localhost:4123");
    expect(parseEnv({ PORT: "4123", LOOKOUT_PUBLIC_URL: "" }).LOOKOUT_PUBLIC_URL).toBe("http://localhost:4123");
    expect(parseEnv({ PORT: "4123", LOOKOUT_PUBLIC_URL: "https://lookout.example.com/" }).LOOKOUT_PUBLIC_URL).toBe("https://lookout.example.com");
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT: /);
  });
});

describe("demo mode", () => {
  it("is off unless npm run demo turns it on", () => {
    expect(parseEnv({}).LOOKOUT_DEMO).toBe(false);
    expect(parseEnv({ LOOKOUT_DEMO: "1" }).LOOKOUT_DEMO).toBe(true);
    expect(() => parseEnv({ LOOKOUT_DEMO: "demo" })).toThrow(/LOOKOUT_DEMO: must be one of/);
  });
});

describe("sign-in settings", () => {
  it("refuses a short operator password or session secret without echoing either", () => {
    let error: unknown;
    try {
      parseEnv({ LOOKOUT_OPERATOR_PASSWORD: "hunter2", LOOKOUT_SESSION_SECRET: "short-secret", LOOKOUT_OPERATOR_NAME: "ops team" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["LOOKOUT_OPERATOR_NAME", "LOOKOUT_OPERATOR_PASSWORD", "LOOKOUT_SESSION_SECRET"]);
    expect(message).toContain("LOOKOUT_OPERATOR_PASSWORD: must be at least 12 characters");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("short-secret");
  });

  it("reads named operators as name=hash pairs, and refuses a plain password or a repeated name without echoing them", () => {
    const hash = "scrypt.32768.8.1.XKjcvZbqKhi39jFMmaKYHw.oOIHHYV6PWxd1vbbRXUAYkGld1mjw_MfEMPzO7wo1s4";
    expect(parseEnv({ LOOKOUT_OPERATORS: ` maya=${hash}, sam.ops=${hash} ` }).LOOKOUT_OPERATORS).toEqual([
      { name: "maya", hash },
      { name: "sam.ops", hash },
    ]);
    let error: unknown;
    try {
      parseEnv({ LOOKOUT_OPERATORS: `maya=plain-text-password-9,Maya=${hash},=${hash},bad name=${hash}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems).toEqual([
      "LOOKOUT_OPERATORS: maya: the password must be a hash from `npm run operator-hash -- maya`, never the password itself",
      "LOOKOUT_OPERATORS: entry 3 must be name=hash with a short name (letters, digits, . _ @ -)",
      "LOOKOUT_OPERATORS: entry 4 must be name=hash with a short name (letters, digits, . _ @ -)",
    ]);
    expect(message).not.toContain("plain-text-password-9");
    expect(parseEnv({}).LOOKOUT_OPERATORS).toEqual([]);
  });

  it("defaults to one operator named operator, 12-hour sessions, 10 failures per 15 minutes", () => {
    const env = parseEnv({});
    expect(env.LOOKOUT_OPERATOR_PASSWORD).toBeUndefined();
    expect(env).toMatchObject({
      LOOKOUT_OPERATOR_NAME: "operator",
      LOOKOUT_SESSION_HOURS: 12,
      LOOKOUT_SIGNIN_MAX_FAILURES: 10,
      LOOKOUT_SIGNIN_WINDOW_SECONDS: 900,
    });
  });
});

describe("the incident lifecycle variables", () => {
  it("default to reminders every hour, recovery after 2 healthy cycles, flapping at 6 changes in 20", () => {
    expect(parseEnv({})).toMatchObject({ LOOKOUT_REMINDER_MINUTES: 60, LOOKOUT_RECOVERY_THRESHOLD_FLY: 2, LOOKOUT_RECOVERY_THRESHOLD_SUPABASE: 2, LOOKOUT_FLAP_CHANGES: 6, LOOKOUT_FLAP_WINDOW: 20 });
    expect(parseEnv({ LOOKOUT_REMINDER_MINUTES: "0" }).LOOKOUT_REMINDER_MINUTES).toBe(0);
  });

  it("refuses more flap changes than a window can hold, and a recovery threshold of 0", () => {
    expect(() => parseEnv({ LOOKOUT_FLAP_CHANGES: "10", LOOKOUT_FLAP_WINDOW: "10" })).toThrow(/LOOKOUT_FLAP_CHANGES: must be less than LOOKOUT_FLAP_WINDOW \(10\)/);
    expect(() => parseEnv({ LOOKOUT_RECOVERY_THRESHOLD_FLY: "0" })).toThrow(/LOOKOUT_RECOVERY_THRESHOLD_FLY/);
  });
});

describe(".env.example", () => {
  it("documents every variable Lookout reads, and nothing else", () => {
    const documented = fs
      .readFileSync(".env.example", "utf8")
      .split("\n")
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.split("=")[0]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("parses as a valid configuration", () => {
    const text = fs.readFileSync(".env.example", "utf8");
    const entries = text.split("\n").filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]);
    expect(() => parseEnv(Object.fromEntries(entries))).not.toThrow();
  });
});

describe("boolean variables", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["on", true],
    [" On ", true],
    ["false", false],
    ["0", false],
    ["no", false],
    ["off", false],
    ["", false],
    [undefined, false],
  ])("reads LOOKOUT_AUTOFIX_KILL_SWITCH=%j as %s", (raw, expected) => {
    expect(parseEnv({ LOOKOUT_AUTOFIX_KILL_SWITCH: raw }).LOOKOUT_AUTOFIX_KILL_SWITCH).toBe(expected);
  });

  it.each(["enabled", "2", "y", "truthy", "-1"])("refuses the ambiguous value %j instead of guessing", (raw) => {
    expect(() => parseEnv({ LOOKOUT_AUTOFIX_KILL_SWITCH: raw })).toThrow(/LOOKOUT_AUTOFIX_KILL_SWITCH: must be one of true, 1, yes, on, false, 0, no, off/);
  });
});

describe("wake thresholds", () => {
  it("default to 3 for supabase and 1 for the others, and refuse 0", () => {
    const env = parseEnv({});
    expect([env.LOOKOUT_WAKE_THRESHOLD_SUPABASE, env.LOOKOUT_WAKE_THRESHOLD_FLY, env.LOOKOUT_WAKE_THRESHOLD_SENTRY]).toEqual([3, 1, 1]);
    expect(() => parseEnv({ LOOKOUT_WAKE_THRESHOLD_FLY: "0" })).toThrow(/LOOKOUT_WAKE_THRESHOLD_FLY/);
  });
});
