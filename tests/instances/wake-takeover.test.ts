// The instance investigating a wake is killed -9 while the model is still answering: the other instance takes
// the wake once its lease runs out and finishes it once (one investigation, one completion, one DM).
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { countDms, settledIncident } from "./incident-records";
import { hitCron, SESSION_SECRET, startInstanceStack, waitFor, type InstanceStack } from "./instance-stack";
import { projectRoot } from "./lookout-process";

let stack: InstanceStack;

beforeAll(async () => {
  stack = await startInstanceStack({ label: "takeover", env: { LOOKOUT_PROBE_INTERVAL: "off", LOOKOUT_LEASE_SECONDS: "2", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0" } });
});

afterAll(() => stack?.stop());

describe("an instance killed in the middle of an investigation", () => {
  it("leaves its wake to the other instance, which investigates, completes and DMs it exactly once", async () => {
    // A runs alone until it holds the wake, so the lease on it is A's.
    const a = await stack.serve("A");
    stack.sim.applyScenario("fly-machine-fails");
    stack.sim.setFault("anthropic", { kind: "latency", ms: 120_000, times: 1 });
    expect((await hitCron(a)).status).toBe(200);
    const held = await waitFor("A's consumer to be waiting on the model", async () => {
      const wake = await stack.db.wake.findFirst({ where: { probe: "fly", status: "processing" } });
      return wake && stack.sim.requests().some((r) => r.vendor === "anthropic") ? wake : null;
    });
    await a.kill("SIGKILL");
    expect(await stack.db.investigation.count()).toBe(0);

    const b = await stack.serve("B");
    const orphaned = await stack.db.wake.findUniqueOrThrow({ where: { id: held.id } });
    expect(orphaned).toMatchObject({ status: "processing", leaseOwner: held.leaseOwner });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, orphaned.leaseExpiresAt!.getTime() + 200 - Date.now())));
    // B's consumer runs after its cron cycle and takes the oldest due wake first: A's.
    expect((await hitCron(b)).status).toBe(200);

    const incident = await settledIncident(stack.db, "fly");
    expect(incident.sessionId).toBe(held.sessionId);
    const finished = await stack.db.wake.findUniqueOrThrow({ where: { id: held.id } });
    expect(finished).toMatchObject({ status: "done", attempts: 2 });
    const investigations = await stack.db.investigation.findMany({ where: { sessionId: held.sessionId } });
    expect(investigations.map((i) => i.wakeId)).toEqual([held.id]);
    expect(await stack.db.auditEvent.count({ where: { seam: "probe.investigation_completed", sessionId: held.sessionId } })).toBe(1);
    const wakes = await stack.db.wake.findMany({ where: { sessionId: held.sessionId }, select: { id: true } });
    expect(countDms(stack.sim, wakes.map((w) => w.id))).toEqual({ posted: 1, postMessageCalls: 1 });

    expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true });
    const verify = spawnSync("npm", ["run", "--silent", "audit:verify"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: stack.databaseUrl, LOOKOUT_SESSION_SECRET: SESSION_SECRET },
      encoding: "utf8",
    });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/audit chain OK: \d+ rows verified/);
  });
});
