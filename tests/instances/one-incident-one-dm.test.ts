// Two servers with the scheduler off, driven only by cron triggers, each run from an empty working directory:
// an incident seen by cycles on both is investigated once and DMed once, and nothing is kept on local disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOperatorSession } from "@/lib/auth/operator-sessions";
import { signSessionToken } from "@/lib/auth/session-token";
import { sessionHref } from "@/lib/incidents/session-href";
import { countDms, settledIncident } from "./incident-records";
import { hitCron, SESSION_SECRET, startInstanceStack, type InstanceStack } from "./instance-stack";
import type { LookoutProcess } from "./lookout-process";

let stack: InstanceStack;
let a: LookoutProcess;
let b: LookoutProcess;
const workDirs: string[] = [];

beforeAll(async () => {
  // Back-to-back cycles stand for two schedulers minutes apart; the investigation debounce stays at its default.
  // A short lease: a wake put back behind an investigation in flight is due again when that lease is up.
  stack = await startInstanceStack({ label: "one-incident", env: { LOOKOUT_PROBE_INTERVAL: "off", LOOKOUT_MIN_CYCLE_SPACING_SECONDS: "0", LOOKOUT_LEASE_SECONDS: "5" } });
  [a, b] = (await Promise.all(
    ["A", "B"].map((name) => {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `lookout-instance-${name}-`));
      fs.chmodSync(cwd, 0o555);
      workDirs.push(cwd);
      return stack.serve(name, { cwd });
    }),
  )) as [LookoutProcess, LookoutProcess];
});

afterAll(async () => {
  await stack?.stop();
  for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("an incident seen through two instances", () => {
  it("is investigated once and DMed once, whichever instance ran each cycle", async () => {
    stack.sim.applyScenario("fly-machine-fails");
    // The model answers slower than a cycle runs, as it does for real: the next cycles come while the first
    // wake is still being investigated on the other instance.
    stack.sim.setLatency("anthropic", 1_500);
    const hits = [];
    for (const server of [a, b, a, b]) hits.push(await hitCron(server));
    expect(hits.map((h) => h.status)).toEqual([200, 200, 200, 200]);

    const incident = await settledIncident(stack.db, "fly");
    const wakes = await stack.db.wake.findMany({ where: { sessionId: incident.sessionId } });
    expect(wakes).toHaveLength(4);
    const investigations = await stack.db.investigation.findMany({ where: { sessionId: incident.sessionId } });
    expect(investigations, "one investigation for the incident (the later wakes are debounced)").toHaveLength(1);
    expect(wakes.filter((w) => w.status === "done").map((w) => w.id)).toEqual([investigations[0]!.wakeId]);
    expect(wakes.filter((w) => w.status !== "done").every((w) => w.status === "debounced")).toBe(true);
    const completed = await stack.db.auditEvent.count({ where: { seam: "probe.investigation_completed", sessionId: incident.sessionId } });
    expect(completed).toBe(1);
    expect(countDms(stack.sim, wakes.map((w) => w.id))).toEqual({ posted: 1, postMessageCalls: 1 });
  });

  it("works with no local disk: cycle, incident, investigation, DM and its timeline page on either instance", async () => {
    stack.sim.reset();
    stack.sim.applyScenario("vercel-errors-rise");
    const hit = await hitCron(b);
    expect(hit.status).toBe(200);
    expect(hit.body.coalesced).toBe(false);

    const incident = await settledIncident(stack.db, "vercel");
    const wakes = await stack.db.wake.findMany({ where: { sessionId: incident.sessionId } });
    expect(await stack.db.investigation.count({ where: { sessionId: incident.sessionId } })).toBe(1);
    expect(countDms(stack.sim, wakes.map((w) => w.id)).posted).toBe(1);

    const session = await stack.db.$transaction((tx) => openOperatorSession(tx, { operator: "operator", client: "127.0.0.1", method: "password", now: new Date(), hours: 1 }));
    const cookie = `lookout_session=${await signSessionToken(session, new TextEncoder().encode(SESSION_SECRET))}`;
    for (const server of [a, b]) {
      const response = await fetch(`${server.url}${sessionHref(incident.sessionId)}`, { headers: { cookie }, redirect: "manual" });
      expect(response.status, `${server.name} renders the timeline`).toBe(200);
      const html = await response.text();
      expect(html).toContain(incident.sessionId);
      expect(html).toContain(incident.title);
    }

    for (const dir of workDirs) expect(fs.readdirSync(dir, { recursive: true }), `nothing written under ${dir}`).toEqual([]);
  });
});
