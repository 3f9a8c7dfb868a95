import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { computeRequestCost } from "@/lib/investigate/prices";
import { runInvestigation } from "@/lib/investigate/run-investigation";
import { buildInvestigationRequest } from "@/lib/wake/build-investigation-request";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import type { ScriptedReply } from "@/simulator/anthropic-script";
import { listTables } from "../helpers/db-contents";
import { simulatedEnv } from "../helpers/lookout-env";
import { clearIncidentRows } from "../helpers/clear-incident-rows";
import { withSimulator } from "../helpers/with-simulator";

// The daily AI budget is a cap, not a hint: it is checked again between the turns of one investigation,
// and when today's spend cannot be read no model call is made at all.

const simulator = withSimulator();
const MODEL = "claude-sonnet-5-5";
// Every scripted turn costs $0.006 at sonnet-5-5 prices; the budget is $0.01, so the second turn crosses it.
const usage = { input_tokens: 2_000, output_tokens: 200, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const TURN_USD = computeRequestCost(MODEL, { inputTokens: 2_000, outputTokens: 200, cacheCreationTokens: 0, cacheReadTokens: 0 }).costUsd;
const env = () =>
  simulatedEnv(simulator().url, { LOOKOUT_AI_MODEL: MODEL, LOOKOUT_AI_DAILY_BUDGET_USD: "0.01", LOOKOUT_AI_MAX_TURNS: "6", LOOKOUT_AI_MAX_RETRIES: "0" });
const anthropicRequests = () => simulator().requests().filter((r) => r.vendor === "anthropic");
/** A model that keeps asking for a read-only tool, never stopping within the turn limit (fresh: the simulator consumes it). */
const lookingForever = (): ScriptedReply[] => Array.from({ length: 6 }, () => ({ key: "fly", content: [{ type: "tool_use", name: "open_incidents", input: {} }], usage }));

async function failingFlyCycle(e: Env): Promise<void> {
  simulator().applyScenario("fly-machine-fails");
  const result = await runProbeCycle({ trigger: "manual", env: e, db });
  if (!result.ok) throw new Error(result.message);
}

beforeEach(async () => {
  simulator().reset();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearIncidentRows(db);
});
afterEach(() => vi.restoreAllMocks());

describe("the daily budget between turns", () => {
  it("stops a run once its own spend crosses the budget, and falls back", async () => {
    expect(TURN_USD).toBeCloseTo(0.006, 10);
    const e = env();
    await failingFlyCycle(e);
    simulator().state.anthropic.script = lookingForever();
    await consumeWakes({ db, env: e });

    // $0.006 after the first turn is under the cap; $0.012 after the second is not: no third request.
    expect(anthropicRequests()).toHaveLength(2);
    const investigation = await db.investigation.findFirstOrThrow();
    expect(investigation).toMatchObject({ engine: "fallback", turns: 2, dmStatus: "engine_unavailable_fallback", fallbackReason: "the daily AI budget ran out before an answer" });
    expect(investigation.costUsd).toBeCloseTo(2 * TURN_USD, 10);
    expect(simulator().state.slack.messages).toHaveLength(1);
  });

  it("counts what was already spent today: one turn is enough to cross it", async () => {
    const e = env();
    // $0.005 spent earlier today by another probe's investigation (so it debounces nothing here).
    const earlier = { sessionId: "probe:vercel:service_degraded:earlier", probe: "vercel", category: "service_degraded", severity: "warning", route: "probe_investigation", engine: "claude", summary: "earlier" };
    await db.investigation.create({ data: { ...earlier, wakeId: "wake-earlier-today", costUsd: 0.005, startedAt: new Date(), completedAt: new Date(), durationMs: 1 } });
    await failingFlyCycle(e);
    simulator().state.anthropic.script = lookingForever();
    await consumeWakes({ db, env: e });

    expect(anthropicRequests()).toHaveLength(1);
    expect(await db.investigation.findFirstOrThrow({ where: { probe: "fly" } })).toMatchObject({ engine: "fallback", turns: 1, fallbackReason: "the daily AI budget ran out before an answer" });
  });
});

describe("when today's spend cannot be read", () => {
  // The consumer reads the same table for its debounce, so this drives the engine directly with a
  // request built from a real wake. The table the budget sums is renamed away in this file's own database.
  afterEach(async () => {
    if ((await listTables(db)).includes("Investigation_unreadable")) await db.$executeRawUnsafe(`ALTER TABLE "Investigation_unreadable" RENAME TO "Investigation"`);
  });

  it("makes no model call and falls back (fails closed)", async () => {
    const e = env();
    await failingFlyCycle(e);
    const wake = await db.wake.findFirstOrThrow({ where: { probe: "fly" } });
    const request = await buildInvestigationRequest(db, e, wake);
    simulator().state.anthropic.script = [{ key: "fly", content: [{ type: "text", text: "An answer nobody paid for." }], usage }];
    await db.$executeRawUnsafe(`ALTER TABLE "Investigation" RENAME TO "Investigation_unreadable"`);

    const outcome = await runInvestigation(request, {
      db,
      env: e,
      executeFix: async () => {
        throw new Error("no fix may run without a model call");
      },
    });

    expect(anthropicRequests()).toHaveLength(0);
    expect(outcome).toMatchObject({ engine: "fallback", fallbackReason: "budget_exhausted", costUsd: 0, turns: 0 });
    expect(outcome.fallbackDetail).toMatch(/^today's AI spend could not be read/);
  });
});
