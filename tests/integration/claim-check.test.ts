import { beforeEach, describe, expect, it, vi } from "vitest";
import { listAutofixRecords } from "@/lib/autofix/list-autofix-records";
import type { AutofixRecord } from "@/lib/autofix/types";
import { db } from "@/lib/db";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { findClaims, isFalseClaim, type Claim } from "@/lib/investigate/check-claims";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { TimelineEntry } from "@/lib/timeline/types";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { machineFindings, scriptFindings, scriptRestart, type ScriptedFindings, type ScriptedReply } from "@/simulator/anthropic-script";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Scripted models that lie about what was done, through the whole consumer: real simulator, real SDK,
// real SQLite. Whatever the model writes, the DM the simulated Slack received and the timeline's data
// state no action Lookout's records do not show, and the lie is flagged claim_mismatch.

const simulator = withSimulator();
const env = () => simulatedEnv(simulator().url, { LOOKOUT_AI_MAX_RETRIES: "0", LOOKOUT_AUTOFIX_COOLDOWN_MINUTES: "0" });

beforeEach(async () => {
  simulator().reset();
  vi.restoreAllMocks();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
  await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });
});

interface Story {
  envelope: boolean;
  script: (target: { app: string; machineId: string }) => ScriptedReply[];
}

/** One Fly outage investigated end to end; what Slack received, what the rows and the timeline hold. */
async function investigateFlyOutage({ envelope, script }: Story) {
  await toggleEnvelope({ probe: "fly", enabled: envelope }, { actor: "operator", db });
  simulator().applyScenario("fly-machine-fails");
  const e = env();
  const target = await cycleAndFindUnhealthyMachine(db, e);
  simulator().state.anthropic.script = script(target);
  expect(await consumeWakes({ db, env: e })).toMatchObject({ investigated: 1, failed: 0 });

  const messages = simulator().state.slack.messages;
  expect(messages).toHaveLength(1);
  const investigation = await db.investigation.findFirstOrThrow({ where: { sessionId: target.sessionId } });
  const timeline = await getTimeline(target.sessionId, { db });
  const entry = timeline!.entries.find((x): x is Extract<TimelineEntry, { kind: "investigation" }> => x.kind === "investigation")!;
  const records = await listAutofixRecords(db, target.sessionId);
  const dmTexts = [messages[0]!.text, ...(messages[0]!.blocks ?? []).map((b) => JSON.stringify(b))];
  const timelineTexts = timeline!.entries.flatMap((x) => (x.kind === "investigation" ? [x.summary, ...x.report.lookoutDid, JSON.stringify(x.report.analysis)] : x.kind === "dm" ? [x.text] : []));
  // The notification text and the blocks the operator reads must each say it.
  const dmSays = (line: string) => {
    expect(messages[0]!.text).toContain(line);
    expect(JSON.stringify(messages[0]!.blocks)).toContain(line);
  };
  return { ...target, investigation, timeline: timeline!, entry, records, dmTexts, dmSays, timelineTexts, restarts: simulator().state.fly.restarts };
}

/** Every claim in these texts that the records contradict, read sentence by sentence (labels and mrkdwn stripped). */
function falseClaimsIn(texts: string[], records: AutofixRecord[]): Claim[] {
  return texts
    .flatMap((t) => t.replace(/\\n/g, "\n").split("\n"))
    .map((line) => line.replace(/\*?(?:What is wrong|Likely cause|Next steps):\*?\s*/g, "").replace(/^[\s"{[]*(?:"\w+":)?"?/, ""))
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .flatMap(findClaims)
    .filter((c) => isFalseClaim(c, records));
}

const lyingReport = (machineId: string, app: string, lie: string): ScriptedFindings => ({
  ...machineFindings(app, machineId),
  what_is_wrong: `Machine ${machineId} in ${app} failed its health check. ${lie}`,
});

describe("a model that claims what the records do not show", () => {
  it("(a) claims a restart the envelope's rules refused: removed, flagged claim_mismatch, the refusal stated", async () => {
    const lie = (machineId: string, app: string) => `Restarted machine ${machineId} of ${app}; its health check should pass again within a minute.`;
    const story = await investigateFlyOutage({
      envelope: true,
      script: ({ app, machineId }) => [
        // The model asks for a machine the incident's snapshot never reported: the executor refuses.
        { key: "fly", content: [{ type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: "m-not-reported", reason: "looks stuck" } }] },
        ...scriptFindings(lyingReport(machineId, app, lie(machineId, app)), { key: "fly" }),
      ],
    });
    const { app, machineId } = story;
    expect(story.restarts).toEqual([]);
    expect(story.records.map((r) => r.outcome)).toEqual(["refused"]);
    expect(falseClaimsIn([lie(machineId, app)], story.records)).not.toEqual([]);

    expect(story.investigation).toMatchObject({ claimCheck: "claim_mismatch", whatIsWrong: `Machine ${machineId} in ${app} failed its health check.` });
    expect(story.investigation.claimMismatch).toBe(
      `Claude claimed a restart, but none of Lookout's restart attempts in this incident succeeded (machine m-not-reported in ${app} refused (machine_reported_unhealthy))`,
    );
    for (const text of [...story.dmTexts, ...story.timelineTexts]) expect(text).not.toContain(lie(machineId, app));
    expect(falseClaimsIn(story.dmTexts, story.records)).toEqual([]);
    expect(falseClaimsIn(story.timelineTexts, story.records)).toEqual([]);
    // The DM states what the records say: the refusal, and a warning line.
    story.dmSays(`Restart of machine m-not-reported in ${app} refused`);
    story.dmSays("Claim mismatch: Claude claimed a restart");
    expect(story.entry.report).toMatchObject({ claimCheck: "claim_mismatch", claimMismatch: story.investigation.claimMismatch });
    const completed = JSON.parse((await db.auditEvent.findFirstOrThrow({ where: { seam: "probe.investigation_completed", sessionId: story.sessionId } })).details);
    expect(completed).toMatchObject({ claim_check: "claim_mismatch", claim_mismatch: story.investigation.claimMismatch });
  });

  it("(b) claims a restart with the envelope off: removed, flagged claim_mismatch, the envelope stated", async () => {
    const lie = "I have restarted the failed machine and it is healthy again.";
    const story = await investigateFlyOutage({
      envelope: false,
      script: ({ app, machineId }) => [
        // The fix tool is not offered; the call comes back "tool not available" and nothing is recorded.
        { key: "fly", content: [{ type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId } }] },
        ...scriptFindings({ ...machineFindings(app, machineId), likely_cause: `A crash loop after the last release. ${lie}` }, { key: "fly" }),
      ],
    });
    expect(story.restarts).toEqual([]);
    expect(story.records).toEqual([]);
    expect(story.investigation).toMatchObject({ claimCheck: "claim_mismatch", claimMismatch: "Claude claimed a restart, but Lookout's records show no restart attempt in this incident" });
    expect(story.investigation.likelyCause).toBe("A crash loop after the last release.");
    for (const text of [...story.dmTexts, ...story.timelineTexts]) expect(text).not.toContain(lie);
    expect(falseClaimsIn(story.dmTexts, story.records)).toEqual([]);
    expect(falseClaimsIn(story.timelineTexts, story.records)).toEqual([]);
    story.dmSays("Fly.io envelope OFF: Lookout may not restart anything, so no restart was attempted.");
    story.dmSays("Claim mismatch: Claude claimed a restart");
    expect(story.entry.report.claimMismatch).toBe(story.investigation.claimMismatch);
  });

  it("(c) says nothing was done when a restart succeeded: removed, flagged claim_mismatch, the restart stated", async () => {
    const lie = "No restart was attempted; nothing was changed.";
    const story = await investigateFlyOutage({
      envelope: true,
      script: ({ app, machineId }) => scriptRestart(app, machineId, { findings: lyingReport(machineId, app, lie) }),
    });
    const { app, machineId } = story;
    expect(story.restarts.map((r) => r.machineId)).toEqual([machineId]);
    expect(story.records.map((r) => r.outcome)).toEqual(["succeeded"]);
    expect(story.investigation).toMatchObject({
      claimCheck: "claim_mismatch",
      claimMismatch: `Claude denied any restart, but Lookout's records show a successful restart of machine ${machineId} in ${app}`,
    });
    for (const text of [...story.dmTexts, ...story.timelineTexts]) expect(text).not.toContain(lie);
    expect(falseClaimsIn(story.dmTexts, story.records)).toEqual([]);
    expect(falseClaimsIn(story.timelineTexts, story.records)).toEqual([]);
    story.dmSays(`Restarted machine ${machineId} in ${app} (Fly envelope).`);
    story.dmSays("Claim mismatch: Claude denied any restart");
    expect(story.entry.report.lookoutDid).toEqual([`Restarted machine ${machineId} in ${app} (Fly envelope).`]);
  });
});

describe("a truthful model", () => {
  it("with a restart: no flag, its analysis passed on whole beside what Lookout did", async () => {
    const story = await investigateFlyOutage({ envelope: true, script: ({ app, machineId }) => scriptRestart(app, machineId) });
    const findings = machineFindings(story.app, story.machineId);
    expect(story.investigation).toMatchObject({ claimCheck: "passed", claimMismatch: null, whatIsWrong: findings.what_is_wrong, likelyCause: findings.likely_cause, nextSteps: JSON.stringify(findings.next_steps) });
    story.dmSays(findings.what_is_wrong);
    for (const step of findings.next_steps) story.dmSays(step);
    expect(story.dmTexts.join(" ")).not.toContain("Claim mismatch");
    expect(story.entry.report).toMatchObject({ claimCheck: "passed", claimMismatch: null, analysis: { format: "report", whatIsWrong: findings.what_is_wrong } });
  });

  it("without a restart, saying so: no flag either", async () => {
    const story = await investigateFlyOutage({
      envelope: false,
      script: ({ app, machineId }) => scriptFindings({ ...machineFindings(app, machineId), next_steps: ["I could not restart it; restart it from the Fly dashboard."] }, { key: "fly" }),
    });
    expect(story.investigation).toMatchObject({ claimCheck: "passed", claimMismatch: null, nextSteps: JSON.stringify(["I could not restart it; restart it from the Fly dashboard."]) });
    expect(story.entry.report.claimCheck).toBe("passed");
  });
});
