import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DoctorReport } from "@/lib/doctor/types";
import { envSchema } from "@/lib/env";
import { startSimulator, type Simulator } from "@/simulator/server";
import { simulatorEnv } from "@/simulator/state";
import type { SimCredentials } from "@/simulator/state-types";

// `npm run doctor` as the operator runs it: the real script in a child process, against the simulator.

const repo = path.resolve(import.meta.dirname, "../..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-doctor-"));
// The doctor must never open (let alone create) the database.
const databaseDir = path.join(scratch, "never-created");
const databaseUrl = `file:${path.join(databaseDir, "lookout.db")}`;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The simulator's environment with every other Lookout variable blanked, so neither the caller's shell
 * nor an `.env` file in the repository (which never overrides a set variable) can change the outcome.
 */
function doctorEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const blank = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, ""]));
  return { ...process.env, ...blank, ...simulatorEnv(sim.url), DATABASE_URL: databaseUrl, LOOKOUT_PROBE_TIMEOUT_MS: "5000", ...overrides };
}

/** Runs the script without blocking this process, which is also serving the simulator. */
function runDoctor(args: string[] = [], overrides: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The tsx that `npm run doctor` runs, without npx looking it up again on every run.
    const child = spawn(path.join(repo, "node_modules/.bin/tsx"), ["scripts/doctor.ts", ...args], { cwd: repo, env: doctorEnv(overrides) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      // Whatever the outcome, the doctor must not have created (or opened) the database.
      if (fs.existsSync(databaseDir)) reject(new Error(`doctor created ${databaseDir}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** One check's lines of the text report: its head line and the indented lines under it. */
function blockOf(stdout: string, label: string): string {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${label} `));
  if (start < 0) throw new Error(`no ${label} block in:\n${stdout}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(" "));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

const verdictOf = (stdout: string, label: string) => blockOf(stdout, label).split("\n")[0]!.slice(label.length).trim().split(/\s+/)[0];
const labels = ["Supabase", "Fly.io", "Vercel", "Sentry", "Doppler", "Slack"] as const;
const anthropicRequests = () => sim.requests().filter((r) => r.vendor === "anthropic");

/** Every check but `failing` is OK, so a failure is attributed to the right vendor only. */
function expectOnlyFailing(stdout: string, failing: (typeof labels)[number]) {
  for (const label of labels) expect(verdictOf(stdout, label), label).toBe(label === failing ? "FAIL" : "OK");
}

describe("npm run doctor", () => {
  it("reports every vendor and Slack OK against the simulator, exits 0, calls no AI and creates no database", async () => {
    sim.clearRequests();
    const run = await runDoctor();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const label of labels) expect(verdictOf(run.stdout, label), label).toBe("OK");
    expect(blockOf(run.stdout, "Fly.io")).toMatch(/lookout-runtime\s+2 of 2 started/);
    expect(blockOf(run.stdout, "Slack")).toMatch(/Operator DM\s+U0SIMOP01 can be sent a DM/);
    expect(blockOf(run.stdout, "Anthropic")).toMatch(/^Anthropic\s+SKIP\s+Not called: npm run doctor -- --ai/);
    expect(run.stdout).toMatch(/Exit code 0: everything configured works\.\n$/);
    expect(sim.requests().some((r) => r.vendor === "fly")).toBe(true);
    expect(anthropicRequests()).toHaveLength(0);
    expect(fs.existsSync(databaseDir)).toBe(false);
  });

  it("says the same in --json", async () => {
    const run = await runDoctor(["--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report).toMatchObject({ ok: true, exitCode: 0, ai: false, counts: { ok: 6, warn: 0, fail: 0, unconfigured: 0, skipped: 1 } });
    expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([
      ["supabase", "ok"],
      ["fly", "ok"],
      ["vercel", "ok"],
      ["sentry", "ok"],
      ["doppler", "ok"],
      ["slack", "ok"],
      ["anthropic", "skipped"],
    ]);
    const fly = report.checks.find((c) => c.name === "fly")!;
    expect(fly).toMatchObject({ configured: true, reachable: true, status: "healthy", fixes: [] });
    expect(fly.figures).toContainEqual({ label: "lookout-runtime", value: "2 of 2 started" });
  });

  it("names a wrong Fly token, with a sentence on how to fix it, and exits 1", async () => {
    const run = await runDoctor([], { FLY_API_TOKEN: "not-the-fly-token" });
    expect(run.code).toBe(1);
    expectOnlyFailing(run.stdout, "Fly.io");
    expect(blockOf(run.stdout, "Fly.io")).toContain("fix              Fly rejected FLY_API_TOKEN (HTTP 401): it is mistyped, expired or revoked");
    expect(run.stdout).toContain("Exit code 1: something configured does not work");
  });

  it("names a wrong Fly app and keeps reporting the right one", async () => {
    const run = await runDoctor([], { FLY_APPS: "lookout-runtime,lookout-typo" });
    expect(run.code).toBe(1);
    expectOnlyFailing(run.stdout, "Fly.io");
    const fly = blockOf(run.stdout, "Fly.io");
    expect(fly).toMatch(/lookout-runtime\s+2 of 2 started/);
    expect(fly).toContain('Fly has no app "lookout-typo" that this token can see (HTTP 404): check its name in FLY_APPS');
    expect(fly).not.toContain('"lookout-runtime"');
  });

  it("names a wrong Sentry organization", async () => {
    const run = await runDoctor([], { SENTRY_ORG: "lookout-typo" });
    expect(run.code).toBe(1);
    expectOnlyFailing(run.stdout, "Sentry");
    expect(blockOf(run.stdout, "Sentry")).toContain('Sentry has no organization "lookout-typo" that this token can see (HTTP 404): set SENTRY_ORG to the organization\'s slug');
  });

  it("names a wrong Doppler token", async () => {
    const run = await runDoctor([], { DOPPLER_TOKEN: "not-the-doppler-token" });
    expect(run.code).toBe(1);
    expectOnlyFailing(run.stdout, "Doppler");
    expect(blockOf(run.stdout, "Doppler")).toContain("Doppler rejected DOPPLER_TOKEN (HTTP 401)");
  });

  it("names a Slack operator id the workspace does not have", async () => {
    const run = await runDoctor([], { SLACK_OPERATOR_USER_ID: "U0NOBODY99" });
    expect(run.code).toBe(1);
    expectOnlyFailing(run.stdout, "Slack");
    const slack = blockOf(run.stdout, "Slack");
    expect(slack).toMatch(/Bot user\s+lookout \(U0SIMBOT01\)/);
    expect(slack).toContain('Slack has no user "U0NOBODY99" in the bot\'s workspace (user_not_found): set SLACK_OPERATOR_USER_ID to your member ID');
  });

  it("lists an unconfigured vendor with its missing variables without failing", async () => {
    const run = await runDoctor([], { VERCEL_TOKEN: "", FLY_APPS: "" });
    expect(run.code).toBe(0);
    expect(blockOf(run.stdout, "Vercel")).toMatch(/^Vercel\s+-\s+not configured \(missing VERCEL_TOKEN\)$/);
    expect(blockOf(run.stdout, "Fly.io")).toMatch(/^Fly\.io\s+-\s+not configured \(missing FLY_APPS\)$/);
    expect(run.stdout).toContain("4 ok, 2 not configured, 1 not called.");
  });

  it("stops with exit 2 and the variables at fault when the configuration is invalid", async () => {
    const run = await runDoctor([], { LOOKOUT_PROBE_INTERVAL: "often", SLACK_OPERATOR_USER_ID: "bob" });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Invalid configuration:");
    expect(run.stderr).toContain("LOOKOUT_PROBE_INTERVAL: must be");
    expect(run.stderr).toContain("SLACK_OPERATOR_USER_ID: must be a Slack user id");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("takes a PostgreSQL DATABASE_URL without opening it: the session secret is required, the password never shown", async () => {
    // Port 1: nothing listens there, so a doctor that opened the database would fail.
    const postgresUrl = "postgresql://lookout:doctor-db-password-77@127.0.0.1:1/lookout";
    const withoutSecret = await runDoctor([], { DATABASE_URL: postgresUrl });
    expect(withoutSecret.code).toBe(2);
    expect(withoutSecret.stderr).toContain("LOOKOUT_SESSION_SECRET: is required when DATABASE_URL is PostgreSQL");
    const withSecret = await runDoctor(["--json"], { DATABASE_URL: postgresUrl, LOOKOUT_SESSION_SECRET: "doctor-session-secret-0123456789abcdef" });
    expect(withSecret.code).toBe(0);
    expect(JSON.parse(withSecret.stdout)).toMatchObject({ ok: true, exitCode: 0 });
    for (const run of [withoutSecret, withSecret]) expect(`${run.stdout}${run.stderr}`).not.toContain("doctor-db-password-77");
  });

  it("makes exactly one one-token Anthropic call with --ai", async () => {
    sim.clearRequests();
    const run = await runDoctor(["--ai"]);
    expect(run.code).toBe(0);
    expect(blockOf(run.stdout, "Anthropic")).toMatch(/^Anthropic\s+OK\s+/);
    const calls = anthropicRequests();
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ max_tokens: 1, model: "claude-sonnet-5-5" });
    expect(sim.state.anthropic.received).toHaveLength(1);
  });
});

describe("npm run doctor never prints a secret", () => {
  // Distinctive values that match none of the token shapes redaction knows, so only the doctor's own
  // care (and its configured-credential redaction) keeps them out.
  const canaries = (tag: string) => ({
    vendor: {
      supabaseAnonKey: `cnry-${tag}-anon-51d0`,
      supabaseServiceRoleKey: `cnry-${tag}-role-62e1`,
      supabaseAccessToken: `cnry-${tag}-mgmt-73f2`,
      flyApiToken: `cnry-${tag}-fly-8403`,
      vercelToken: `cnry-${tag}-vercel-9514`,
      sentryAuthToken: `cnry-${tag}-sentry-a625`,
      dopplerToken: `cnry-${tag}-doppler-b736`,
      slackBotToken: `cnry-${tag}-slack-c847`,
      anthropicApiKey: `cnry-${tag}-anthropic-d958`,
    } satisfies SimCredentials,
    lookout: {
      CRON_SECRET: `cnry-${tag}-cron-e069`,
      LOOKOUT_OPERATOR_PASSWORD: `cnry-${tag}-password-f17a`,
      LOOKOUT_SESSION_SECRET: `cnry-${tag}-session-secret-0000-1111-2222`,
    },
  });
  const right = canaries("right");
  const wrong = canaries("wrong");
  const everyCanary = [right, wrong].flatMap((c) => [...Object.values(c.vendor), ...Object.values(c.lookout)]);

  const envWith = (c: ReturnType<typeof canaries>): Record<string, string> => ({
    SUPABASE_ANON_KEY: c.vendor.supabaseAnonKey,
    SUPABASE_SERVICE_ROLE_KEY: c.vendor.supabaseServiceRoleKey,
    SUPABASE_ACCESS_TOKEN: c.vendor.supabaseAccessToken,
    FLY_API_TOKEN: c.vendor.flyApiToken,
    VERCEL_TOKEN: c.vendor.vercelToken,
    SENTRY_AUTH_TOKEN: c.vendor.sentryAuthToken,
    DOPPLER_TOKEN: c.vendor.dopplerToken,
    SLACK_BOT_TOKEN: c.vendor.slackBotToken,
    ANTHROPIC_API_KEY: c.vendor.anthropicApiKey,
    ...c.lookout,
  });

  function expectNoSecret(run: Run) {
    const output = `${run.stdout}\n${run.stderr}`;
    for (const canary of everyCanary) expect(output).not.toContain(canary);
    // Not even masked: nothing the doctor prints should have held a secret in the first place.
    expect(output).not.toContain("[redacted]");
  }

  // After the outer reset, so every test starts with the simulator accepting the right canaries.
  beforeEach(() => {
    sim.state.credentials = { ...right.vendor };
  });

  it("with the right credentials, in text and JSON", async () => {
    const text = await runDoctor(["--ai"], envWith(right));
    expect(text.code).toBe(0);
    expectNoSecret(text);
    const json = await runDoctor(["--json", "--ai"], envWith(right));
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as DoctorReport).counts).toMatchObject({ ok: 7, fail: 0 });
    expectNoSecret(json);
  });

  it("with wrong credentials, where every check fails, in text and JSON", async () => {
    const text = await runDoctor(["--ai"], envWith(wrong));
    expect(text.code).toBe(1);
    expectNoSecret(text);
    const json = await runDoctor(["--json", "--ai"], envWith(wrong));
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as DoctorReport;
    expect(report.checks.map((c) => c.verdict)).toEqual(Array(7).fill("fail"));
    expectNoSecret(json);
  });

  it("when the configuration is invalid", async () => {
    const env = { ...envWith(wrong), LOOKOUT_PROBE_INTERVAL: "often" };
    const text = await runDoctor([], env);
    expect(text.code).toBe(2);
    expectNoSecret(text);
    const json = await runDoctor(["--json"], env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, configProblems: [expect.stringContaining("LOOKOUT_PROBE_INTERVAL")] });
    expectNoSecret(json);
  });
});

describe("the simulator's --print-env, which the README pairs with the doctor", () => {
  it("prints exactly the Lookout environment that points at a simulator on that port, and starts nothing", async () => {
    const printed = await new Promise<string>((resolve, reject) => {
      const child = spawn(path.join(repo, "node_modules/.bin/tsx"), ["simulator/main.ts", "--print-env", "--port", "4999"], { cwd: repo });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
    });
    const lines = printed.trim().split("\n");
    expect(Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]))).toEqual(simulatorEnv("http://127.0.0.1:4999"));
  });
});
