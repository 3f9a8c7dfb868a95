import { afterEach, describe, expect, it } from "vitest";
import { readDoctorConfig } from "@/lib/doctor/load-doctor-config";
import { formatRedactedJson, guardConsole, listOutputCredentials, redactOutput } from "@/lib/doctor/redact-output";

const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info, debug: console.debug };
afterEach(() => Object.assign(console, originals));

describe("the doctor's output redaction", () => {
  it("knows every configured credential, even when the configuration does not parse", () => {
    const config = readDoctorConfig({ FLY_API_TOKEN: " fly-secret-value-1 ", CRON_SECRET: "cron-secret-value", LOOKOUT_PROBE_INTERVAL: "often", FLY_APPS: "app-one" });
    expect(config.ok).toBe(false);
    expect(config.credentials).toEqual(expect.arrayContaining([" fly-secret-value-1 ", "fly-secret-value-1", "cron-secret-value"]));
    expect(config.credentials).not.toContain("app-one");
  });

  it("masks credentials in text and in JSON, escaped ones included", () => {
    const credentials = listOutputCredentials({ VERCEL_TOKEN: 'ver"cel\\token-1', SENTRY_AUTH_TOKEN: "sentry-token-22" }, null);
    expect(redactOutput("sent sentry-token-22 to Sentry", credentials)).toBe("sent [redacted] to Sentry");
    const json = formatRedactedJson({ problems: ['Vercel said ver"cel\\token-1', "and sentry-token-22"] }, credentials);
    expect(JSON.parse(json)).toEqual({ problems: ["Vercel said [redacted]", "and [redacted]"] });
    expect(formatRedactedJson({ [`key sentry-token-22`]: 1 }, credentials)).not.toContain("sentry-token-22");
  });

  it("ignores values too short to be a credential", () => {
    expect(listOutputCredentials({ CRON_SECRET: "short" }, null)).toEqual([]);
  });

  it("masks what a library logs through the console", () => {
    const seen: string[] = [];
    console.error = (...args: unknown[]) => void seen.push(args.join(" "));
    guardConsole(["slack-bot-token-9"]);
    console.error("request failed:", new Error("bad token slack-bot-token-9"));
    expect(seen).toEqual(["request failed: bad token [redacted]"]);
  });
});
