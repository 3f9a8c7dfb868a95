import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { probeNames } from "@/lib/probes/types";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { scriptFindings } from "@/simulator/anthropic-script";
import { leakCanaries, listLeakNeedles } from "@/simulator/leak";
import { simulatorScenarios } from "@/simulator/scenarios";
import type { Fault } from "@/simulator/faults";
import { readDatabaseFiles, readEveryTable } from "../helpers/db-contents";
import { cycleAndFindUnhealthyMachine } from "../helpers/fly-outage";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// The simulator runs in leak mode: every vendor, Slack and Anthropic answer echoes the configured
// credentials and token-shaped canaries (simulator/leak.ts). Whatever they send, none of it may reach a
// prompt, a Slack message, the database or a log line; with redaction switched off these tests fail.

const simulator = withSimulator();
const needles = () => listLeakNeedles(simulator().state.credentials);

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const method of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
  simulator().reset();
  simulator().setLeak(true);
});
afterEach(() => vi.restoreAllMocks());

/** One line per place holding any needle: which ones, and the text before the first, which names the path it took. */
function findLeaks(places: [string, string | Buffer][]): string[] {
  const all = needles();
  return places.flatMap(([place, content]) => {
    const text = typeof content === "string" ? content : content.toString("latin1");
    const hits = all.map((needle) => ({ needle, at: text.indexOf(needle) })).filter((h) => h.at >= 0);
    if (hits.length === 0) return [];
    const first = Math.min(...hits.map((h) => h.at));
    return [`${place}: ${hits.map((h) => `${h.needle.slice(0, 10)}…`).join(" ")} after "${text.slice(Math.max(0, first - 100), first)}"`];
  });
}

/** The database's files as bytes, and every table's rows as JSON. */
async function readDatabase(): Promise<[string, string | Buffer][]> {
  const tables = await readEveryTable(db);
  expect(tables.map(([name]) => name)).toEqual(expect.arrayContaining(["ProbeSnapshot", "AuditEvent", "DmMessage", "Investigation", "ProbeMemo", "Wake"]));
  const rows = tables.map(([name, content]): [string, string] => [`table ${name}`, JSON.stringify(content, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))]);
  return [...rows, ["the database files", await readDatabaseFiles(db, process.env.DATABASE_URL!)]];
}

const creds = () => simulator().state.credentials;
const bearer = () => leakCanaries.find((c) => c.text.startsWith("Bearer "))!.text;

/** What a model would answer if it repeated everything it had ever seen. */
const echoAll = () => `${Object.values(simulator().state.credentials).join(" ")} ${leakCanaries.map((c) => c.text).join(" ")}`;

describe("configured credentials and token-shaped secrets the vendors echo", () => {
  it("never reach a prompt, a Slack message, the database or a log line, through a fix, investigations and a failed DM", async () => {
    const env = simulatedEnv(simulator().url, { LOOKOUT_DEBOUNCE_SECONDS: "0", LOOKOUT_AI_MAX_RETRIES: "0" });
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });

    // The Fly incident alone first, so the scripted restart answers the Fly investigation.
    simulator().applyScenario("fly-machine-fails");
    const { app, machineId } = await cycleAndFindUnhealthyMachine(db, env);
    simulator().state.anthropic.script = [
      {
        key: "fly",
        content: [
          { type: "text", text: `The check output quotes ${echoAll()}` },
          { type: "tool_use", name: "restart_unhealthy_machine", input: { app, machine_id: machineId, reason: `critical check; it quoted ${creds().flyApiToken} and ${bearer()}` } },
        ],
      },
      ...scriptFindings(
        {
          what_is_wrong: `Machine ${machineId} in ${app} failed; its check output quotes ${echoAll()}`,
          likely_cause: `A crash after the deploy that set ${creds().flyApiToken}.`,
          next_steps: [`Rotate ${creds().flyApiToken}`, `Check the logs for ${bearer()}`],
          confidence: "medium",
        },
        { key: "fly" },
      ),
    ];
    await consumeWakes({ db, env });
    expect(simulator().state.fly.restarts).toHaveLength(1);

    // Every other vendor in trouble: one investigation answered by an overloaded API, one DM refused by Slack.
    for (const scenario of ["vercel-errors-rise", "sentry-pileup", "secret-ages", "supabase-pressure", "supabase-down"] as const) {
      simulator().applyScenario(scenario);
    }
    simulator().setFault("anthropic", { kind: "status", status: 529, times: 1 });
    simulator().state.slack.failNext = { method: "chat.postMessage", error: "channel_not_found" };
    expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    await consumeWakes({ db, env });
    // Healthy for the recovery threshold (2 cycles), so the resolutions are sent too.
    simulator().applyScenario("all-healthy");
    for (let i = 0; i < 2; i++) {
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
      await consumeWakes({ db, env });
    }
    await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });

    const sent = simulator().requests();
    const prompts = sent.filter((r) => r.vendor === "anthropic");
    expect(prompts.length).toBeGreaterThanOrEqual(5);
    expect(simulator().state.slack.messages.length).toBeGreaterThanOrEqual(5);
    expect(await db.investigation.count({ where: { engine: "fallback" } })).toBeGreaterThanOrEqual(1);

    const places: [string, string | Buffer][] = [
      ...prompts.map((r, i): [string, string] => [`prompt request ${i + 1}`, r.body]),
      ["the prompts the simulator received", JSON.stringify(simulator().state.anthropic.received)],
      ...sent.filter((r) => r.vendor === "slack").map((r, i): [string, string] => [`Slack request ${i + 1}`, r.body]),
      ["the Slack messages the simulator accepted", JSON.stringify(simulator().state.slack.messages)],
      ["the log", logged.join("\n")],
      ...(await readDatabase()),
    ];
    expect(findLeaks(places)).toEqual([]);
    // Slack's refusal came back with the echo after its code: only the code word was kept.
    expect((await db.dmMessage.findFirstOrThrow({ where: { status: "failed" } })).errorCode).toBe("channel_not_found");
    expect(prompts.every((r) => r.body.includes("[redacted]"))).toBe(true);
    // The Fly findings, and the default findings of the others, reached the rows as analysis, masked.
    const fly = await db.investigation.findFirstOrThrow({ where: { probe: "fly" } });
    expect(fly).toMatchObject({ analysisFormat: "report", whatIsWrong: expect.stringMatching(/^Machine .+ failed; its check output quotes .*\[redacted\]/), likelyCause: expect.stringContaining("[redacted]"), nextSteps: expect.stringContaining("Rotate [redacted]") });
    expect(await db.investigation.count({ where: { analysisFormat: "report", NOT: { probe: "fly" }, whatIsWrong: { contains: "[redacted]" } } })).toBeGreaterThanOrEqual(1);
  });

  it("never reach the database or a log line, whatever the vendors answer: every scenario and every fault", async () => {
    const env = simulatedEnv(simulator().url, { LOOKOUT_PROBE_TIMEOUT_MS: "800" });
    for (const scenario of Object.keys(simulatorScenarios)) {
      simulator().reset();
      simulator().setLeak(true);
      simulator().applyScenario(scenario as keyof typeof simulatorScenarios);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }
    const faults: Fault[] = [{ kind: "status", status: 500 }, { kind: "status", status: 503 }, { kind: "rate_limit", retryAfterS: 5 }, { kind: "malformed" }, { kind: "hang" }];
    for (const fault of faults) {
      simulator().reset();
      simulator().setLeak(true);
      for (const vendor of probeNames) simulator().setFault(vendor, fault);
      expect((await runProbeCycle({ trigger: "manual", env })).ok).toBe(true);
    }

    expect(await db.auditEvent.count({ where: { seam: "probe.wake_requested" } })).toBeGreaterThan(0);
    expect(await db.probeSnapshot.count()).toBeGreaterThan(20);
    const places: [string, string | Buffer][] = [["the log", logged.join("\n")], ...(await readDatabase())];
    expect(findLeaks(places)).toEqual([]);
    // Proof the echoes reached Lookout and were masked on the way through, not merely never sent.
    expect(await db.probeSnapshot.count({ where: { details: { contains: "[redacted]" } } })).toBeGreaterThan(5);
    expect(await db.probeSnapshot.count({ where: { error: { contains: "[redacted]" } } })).toBeGreaterThan(5);
  });
});
