import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { simulatorEnv } from "@/simulator/server";
import type { Fault } from "@/simulator/faults";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// The consumer runs in its own process and is killed with SIGKILL at each point of a DM's delivery, then
// started again: the operator gets exactly one copy every time, and the investigation, audit and DM rows agree.

const simulator = withSimulator();
const repo = path.resolve(import.meta.dirname, "../..");
const LEASE_SECONDS = 1;
let children: ChildProcess[] = [];

beforeEach(async () => {
  simulator().reset();
  await clearIncidentRows(db);
  await db.dmMessage.deleteMany();
});
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children = [];
});

function startConsumer(crashAt?: string, { leaseSeconds = LEASE_SECONDS, sweepMs = 100 } = {}): ChildProcess & { exited: Promise<NodeJS.Signals | null> } {
  const env = {
    ...process.env,
    ...simulatorEnv(simulator().url),
    DATABASE_URL: process.env.DATABASE_URL,
    LOOKOUT_DEBOUNCE_SECONDS: "0",
    LOOKOUT_LEASE_SECONDS: String(leaseSeconds),
    SLACK_TIMEOUT_MS: "10000",
    LOOKOUT_TEST_CRASH_AT: crashAt ?? "",
    NODE_ENV: "test" as const,
  };
  // One process (node with tsx's loader, not the tsx wrapper), so SIGKILL hits the consumer itself.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/consumer-process.ts", String(sweepMs)], { cwd: repo, env, stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => {
      // A consumer that ended any other way than the kill says why in the failure.
      if (signal !== "SIGKILL") console.error(`consumer exited with code ${code}: ${stderr.slice(-2000)}`);
      resolve(signal);
    }),
  );
  return Object.assign(child, { exited });
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const posts = () => simulator().requests().filter((r) => r.vendor === "slack" && r.path.endsWith("chat.postMessage")).length;

/** A Fly incident with its wake pending, from a real cycle in this process. */
async function openIncident(): Promise<string> {
  simulator().applyScenario("fly-machine-fails");
  const result = await runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "0" }), db });
  if (!result.ok) throw new Error(result.message);
  return (await db.wake.findFirstOrThrow({ where: { probe: "fly" } })).sessionId;
}

/** After the crash: a fresh consumer delivers what was left, once; every row agrees with what Slack holds. */
async function recoverAndCheck(sessionId: string, crashedAt: number, restart: Parameters<typeof startConsumer>[1] = {}): Promise<number> {
  simulator().setFault("slack", null);
  startConsumer(undefined, restart);
  const dm = await until("the DM to be settled", async () => {
    const row = await db.dmMessage.findFirst({ where: { sessionId, kind: "investigation", status: { in: ["sent", "failed", "unknown"] } } });
    const wake = await db.wake.findFirst({ where: { sessionId } });
    return row && wake?.status === "done" ? row : null;
  });
  const recoveredInMs = Date.now() - crashedAt;

  const inSlack = simulator().state.slack.messages.filter((m) => m.metadata?.event_payload.key === dm.dedupeKey);
  expect(inSlack).toHaveLength(1);
  expect(dm).toMatchObject({ status: "sent", ts: inSlack[0]!.ts, channel: inSlack[0]!.channel });
  expect(await db.investigation.count({ where: { sessionId } })).toBe(1);
  expect(await db.investigation.findFirstOrThrow({ where: { sessionId } })).toMatchObject({ dmStatus: "sent" });
  const audit = await db.auditEvent.findMany({ where: { sessionId, seam: { in: ["probe.investigation_completed", "slack.dm_delivery"] } } });
  expect(audit.map((r) => r.seam).sort()).toEqual(["probe.investigation_completed", "slack.dm_delivery"]);
  const delivery = JSON.parse(audit.find((r) => r.seam === "slack.dm_delivery")!.details) as Record<string, unknown>;
  expect(delivery).toMatchObject({ status: "sent", ts: dm.ts, dedupe_key: dm.dedupeKey });
  return recoveredInMs;
}

describe("a consumer killed with SIGKILL while it delivers a DM", () => {
  it.each(["dm.before_post", "dm.after_post"])("at %s: one copy in Slack after a restart, within a minute", async (point) => {
    const sessionId = await openIncident();
    const crashed = startConsumer(point);
    expect(await crashed.exited).toBe("SIGKILL");
    const crashedAt = Date.now();
    // The crash left the message claimed and unsettled; Slack has it only if the post went out.
    expect(await db.dmMessage.findFirstOrThrow({ where: { sessionId } })).toMatchObject({ status: "sending" });
    expect(posts()).toBe(point === "dm.after_post" ? 1 : 0);

    const recoveredInMs = await recoverAndCheck(sessionId, crashedAt);
    expect(recoveredInMs).toBeLessThan(60_000);
    // The restarted consumer looked before posting: after a post that went out, it did not post again.
    expect(posts()).toBe(1);
  });

  it("with the default lease and the server's 10 s sweep, the crashed DM is delivered within a minute", async () => {
    const sessionId = await openIncident();
    const crashed = startConsumer("dm.after_post", { leaseSeconds: 30 });
    expect(await crashed.exited).toBe("SIGKILL");
    const recoveredInMs = await recoverAndCheck(sessionId, Date.now(), { leaseSeconds: 30, sweepMs: 10_000 });
    expect(recoveredInMs).toBeLessThan(60_000);
    expect(posts()).toBe(1);
  }, 90_000);

  const held: [string, Fault, number][] = [
    ["Slack holds the request and never posts", { kind: "hang", path: "chat.postMessage" }, 0],
    ["Slack posts and holds its answer", { kind: "drop_reply", path: "chat.postMessage" }, 1],
  ];
  it.each(held)("while %s: one copy in Slack after a restart", async (_case, fault, postedBeforeKill) => {
    const sessionId = await openIncident();
    simulator().setFault("slack", fault);
    const crashed = startConsumer();
    await until("the post to reach Slack", async () => posts() === 1);
    crashed.kill("SIGKILL");
    expect(await crashed.exited).toBe("SIGKILL");
    const crashedAt = Date.now();
    expect(simulator().state.slack.messages).toHaveLength(postedBeforeKill);

    await recoverAndCheck(sessionId, crashedAt);
    expect(posts()).toBe(1 + (1 - postedBeforeKill));
  });
});
