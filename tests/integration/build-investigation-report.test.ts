import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { writeAutofixAttempt } from "@/lib/autofix/write-autofix-attempt";
import { db } from "@/lib/db";
import { buildInvestigationReport } from "@/lib/investigate/build-investigation-report";
import type { InvestigationOutcome } from "@/lib/investigate/types";
import { parseEnv } from "@/lib/env";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { makeRequest } from "../unit/investigate/request-fixtures";

// "Lookout did" comes from the incident's own rows, read when the run is over: this wake's restart attempts,
// earlier successful restarts of other wakes, the wakes debounced before this one, the kill switch as
// configured; the model's analysis is checked against the same rows. Rows are written as the executor and
// the consumer write them.

// Audit rows are append-only, so each test has an incident (and session id) of its own.
let SESSION = "";
const T0 = new Date("2026-11-30T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const env = (overrides: Record<string, string> = {}) => parseEnv({ FLY_API_TOKEN: "fly-token-in-a-lookout-did-line-7781", ...overrides });

const outcome = (overrides: Partial<InvestigationOutcome> = {}): InvestigationOutcome => ({
  engine: "claude",
  fallbackReason: null,
  fallbackDetail: null,
  model: "claude-sonnet-5-5",
  route: "probe_investigation",
  usage: { inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 },
  costUsd: 0,
  analysis: { format: "text", text: "The machine failed its health check." },
  turns: 1,
  stoppedBy: null,
  autofix: [],
  durationMs: 10,
  ...overrides,
});

async function wake(id: string, createdAt: Date, status: string) {
  return db.wake.create({
    data: { id, incidentId: "inc_1", sessionId: SESSION, probe: "fly", category: "service_degraded", severity: "warning", snapshotId: `snap-${id}`, status, nextAttemptAt: createdAt, createdAt },
  });
}

async function restart(wakeId: string, outcome: "succeeded" | "refused", machine: string) {
  const ctx = { sessionId: SESSION, wakeId, snapshotId: `snap-${wakeId}`, requestedBy: "lookout:investigator" };
  await db.$transaction(async (tx) => {
    if (outcome === "succeeded") await writeAutofixAttempt(tx, ctx, { outcome: "allowed", app: "lookout-runtime", machine_id: machine, reason: null, message: "" }, T0);
    await writeAutofixAttempt(
      tx,
      ctx,
      outcome === "succeeded"
        ? { outcome: "succeeded", app: "lookout-runtime", machine_id: machine, reason: null, message: `Restarted machine ${machine} in lookout-runtime.` }
        : { outcome: "refused", rule: "one_restart_per_incident", app: "lookout-runtime", machine_id: machine, reason: null, message: "refused" },
      T0,
    );
  });
}

beforeEach(async () => {
  await clearIncidentRows(db);
  SESSION = `probe:fly:service_degraded:${randomUUID()}`;
  await db.incident.create({
    data: { id: "inc_1", sessionId: SESSION, probe: "fly", category: "service_degraded", severity: "warning", title: "Fly machine unhealthy", detail: "", openedAt: at(-600), lastSeenAt: T0 },
  });
});

describe("buildInvestigationReport", () => {
  it("says what this wake's run did, what earlier wakes restarted, and how many wakes were debounced before it", async () => {
    await wake("w-first", at(-500), "done");
    await wake("w-debounced-1", at(-400), "debounced");
    await wake("w-debounced-2", at(-300), "debounced");
    const current = await wake("w-current", at(-200), "processing");
    await wake("w-debounced-later", at(-100), "debounced");
    await restart("w-first", "succeeded", "m-earlier");
    await restart("w-debounced-1", "refused", "m-refused-earlier");
    await restart("w-current", "refused", "m-now");

    const report = await buildInvestigationReport(db, env(), { wake: current, request: makeRequest("fly", { enabled: true, sessionId: SESSION }), outcome: outcome() });
    expect(report.lookoutDid).toEqual([
      expect.stringMatching(/^Restart of machine m-now in lookout-runtime refused: /),
      "Earlier in this incident: restarted machine m-earlier in lookout-runtime.",
      "Debounce: 2 repeat wakes of this incident folded into an earlier investigation, with no new investigation or DM.",
    ]);
    expect(report).toMatchObject({ analysis: { format: "text", text: "The machine failed its health check." }, claimCheck: "passed", claimMismatch: null });
  });

  it("lists this wake's own restart once, as this run's, never as an earlier one", async () => {
    const current = await wake("w-current", at(-200), "processing");
    await restart("w-current", "succeeded", "m-now");
    const report = await buildInvestigationReport(db, env(), { wake: current, request: makeRequest("fly", { enabled: true, sessionId: SESSION }), outcome: outcome() });
    expect(report.lookoutDid).toEqual(["Restarted machine m-now in lookout-runtime (Fly envelope)."]);
  });

  it("with no attempt, says why from the envelope it was given and the kill switch as configured", async () => {
    const current = await wake("w-current", at(-200), "processing");
    const build = (enabled: boolean, e = env()) => buildInvestigationReport(db, e, { wake: current, request: makeRequest("fly", { enabled, sessionId: SESSION }), outcome: outcome() });
    expect((await build(false)).lookoutDid).toEqual(["Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted."]);
    expect((await build(true)).lookoutDid).toEqual(["Fly.io envelope ON: Claude did not ask for a restart, so none was attempted."]);
    expect((await build(true, env({ LOOKOUT_AUTOFIX_KILL_SWITCH: "on" }))).lookoutDid).toEqual([
      "Autofix is switched off for every probe (LOOKOUT_AUTOFIX_KILL_SWITCH), so no restart was attempted.",
    ]);
  });

  it("flags a restart the model claims but the rows do not show, and keeps credentials out of what it writes", async () => {
    const current = await wake("w-current", at(-200), "processing");
    // The model asked to restart a "machine" named by a credential it saw; the refusal records that name.
    await restart("w-current", "refused", "fly-token-in-a-lookout-did-line-7781");
    const claim = outcome({ analysis: { format: "text", text: "I restarted the machine and it recovered." }, stoppedBy: "max_turns", turns: 8 });
    const report = await buildInvestigationReport(db, env(), { wake: current, request: makeRequest("fly", { enabled: true, sessionId: SESSION }), outcome: claim });
    expect(report.claimCheck).toBe("claim_mismatch");
    expect(report.claimMismatch).toMatch(/^Claude claimed a restart, but none of Lookout's restart attempts in this incident succeeded \(machine \S+ in lookout-runtime refused/);
    expect(report.lookoutDid[0]).toMatch(/^Restart of machine \S+ in lookout-runtime refused/);
    expect(JSON.stringify(report)).not.toContain("fly-token-in-a-lookout-did-line-7781");
    expect(report.lookoutDid).toContain("Stopped the investigation at the turn limit (8 turns); Claude's analysis may be incomplete.");
  });
});
