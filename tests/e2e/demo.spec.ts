import { spawn } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { laptop } from "./harness";

// `npm run demo` as a newcomer runs it, on its own ports and database beside the suite's server: what the
// terminal says (which exported variables it replaced, the sign-in line on the right port, the password
// again with the first cycles, never a password the operator set) and the sign-in page it leads to.

const DEMO_PORT = 3937;
const DEMO_SIMULATOR_PORT = 4937;
const DEMO_DB = "data/e2e-demo.db";
const CYCLE_LINE = /^\[lookout\] probe cycle /;
const signInUrl = `http://localhost:${DEMO_PORT}/sign-in`;

test.use({ storageState: { cookies: [], origins: [] } });

/** Starts the demo with the given exported variables; its output is collected line by line. */
function startDemo(exported: Record<string, string>) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(DEMO_DB + suffix, { force: true });
  // What a shell would pass, without any Lookout settings of the suite's own.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(LOOKOUT_|DATABASE_URL$|PORT$)/.test(name)) delete env[name];
  Object.assign(env, exported, {
    PORT: String(DEMO_PORT),
    LOOKOUT_DEMO_SIMULATOR_PORT: String(DEMO_SIMULATOR_PORT),
    LOOKOUT_DEMO_DATABASE_URL: `file:./${DEMO_DB}`,
    // One quiet step (all healthy) for the whole test, and cycles quick enough to count.
    LOOKOUT_DEMO_STEP_MS: "600000",
    LOOKOUT_PROBE_INTERVAL: "5s",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const demo = spawn("node_modules/.bin/tsx", ["scripts/demo.ts"], { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  demo.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => demo.on("exit", () => resolve()));
  return {
    lines: () => output.split("\n"),
    cycles: () => output.split("\n").filter((line) => CYCLE_LINE.test(line)).length,
    stop: async () => {
      if (demo.exitCode === null && demo.pid) process.kill(-demo.pid, "SIGTERM");
      await exited;
    },
  };
}

test("with exported tokens and a password of the operator's own, the demo names what it replaced and never prints the password", async ({ page }) => {
  test.setTimeout(120_000);
  const exported = {
    FLY_API_TOKEN: "fo1_exported_real_token_5531",
    SENTRY_AUTH_TOKEN: "sntrys_exported_real_token_7720",
    LOOKOUT_OPERATOR_PASSWORD: "my-own-demo-password-8812",
  };
  const demo = startDemo(exported);
  try {
    await expect.poll(demo.cycles, { timeout: 90_000 }).toBeGreaterThanOrEqual(4);
    const lines = demo.lines();
    const text = lines.join("\n");

    const replaced = lines.filter((line) => line.startsWith("[demo]") && line.includes("FLY_API_TOKEN"));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toContain("SENTRY_AUTH_TOKEN");
    for (const value of Object.values(exported)) expect(text).not.toContain(value);

    // The sign-in line on the demo's own port, then the same reminder with each of the first three cycles only.
    const signIns = lines.flatMap((line, index) => (line.includes(signInUrl) ? [index] : []));
    const cycles = lines.flatMap((line, index) => (CYCLE_LINE.test(line) ? [index] : []));
    expect(signIns.length).toBe(4);
    expect(signIns[0]).toBeLessThan(cycles[0]!);
    for (let n = 0; n < 3; n++) expect(signIns[n + 1]!).toBeGreaterThan(cycles[n]!);
    expect(signIns[3]!).toBeLessThan(cycles[3]!);
    expect(lines.filter((line) => line.includes("the password you set")).length).toBe(4);
    expect(text).not.toContain("http://localhost:3000");

    await page.setViewportSize(laptop);
    await page.goto(signInUrl);
    await expect(page.getByText("the password is printed in the terminal running npm run demo")).toBeVisible();
    fs.mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/sign-in-demo-laptop.png", fullPage: true });
    await page.getByLabel("Password").fill(exported.LOOKOUT_OPERATOR_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Vendor health" })).toBeVisible();
  } finally {
    await demo.stop();
  }
});

test("with nothing exported, the demo prints the password it made up, and it signs in", async ({ page }) => {
  test.setTimeout(120_000);
  const demo = startDemo({});
  try {
    await expect.poll(demo.cycles, { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
    const lines = demo.lines();
    // Nothing was exported, so nothing was replaced.
    expect(lines.filter((line) => line.includes("FLY_API_TOKEN"))).toEqual([]);
    const password = /password (demo-[\w-]+)/.exec(lines.find((line) => line.includes(signInUrl)) ?? "")?.[1];
    expect(password).toBeTruthy();
    const firstCycle = lines.findIndex((line) => CYCLE_LINE.test(line));
    expect(lines.slice(firstCycle).some((line) => line.includes(password!))).toBe(true);

    await page.goto(signInUrl);
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Vendor health" })).toBeVisible();
  } finally {
    await demo.stop();
  }
});
