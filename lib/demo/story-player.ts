import type { PrismaClient } from "@/lib/generated/prisma/client";
import { describeError } from "@/lib/describe-error";
import { createMaintenanceWindow, endMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { scriptRestart } from "@/simulator/anthropic-script";
import { applyScenario, restoreVendor } from "@/simulator/scenarios";
import type { SimState } from "@/simulator/state";
import { demoStory, maintenanceExpectations, storyExpectations, storyFailures, vendorLabels, type DemoAct, type StoryVendor } from "./story";

// The story's step logic, shared by `npm run demo` (on a timer) and the integration test that plays
// the story compressed: each call plays the next act on the simulator and says what happened.

/** The audit actor of the windows the story opens and ends. */
export const DEMO_ACTOR = "demo";

export interface PlayedAct {
  /** 1 for the first time through the story. */
  round: number;
  /** The act's index in the story. */
  index: number;
  act: DemoAct;
  /** Vendors that were failing and are healthy again as of this act. */
  recovered: StoryVendor[];
  /** The maintenance window the act opened or ended, by id. */
  window: { opened: string } | { ended: string } | null;
  /** The announcement, e.g. "round 1, act 2/12: a Fly machine in lookout-runtime fails. Lookout …". */
  line: string;
}

export interface StoryPlayer {
  next(now?: number): Promise<PlayedAct>;
}

export interface StoryStage {
  simulator: { state: SimState };
  /** Lookout's database: the story opens and ends its maintenance windows there, as an operator would in Settings. */
  db: PrismaClient;
  /** How long each act lasts: a window is opened for the whole minutes that cover its acts. */
  stepMs: number;
}

function failedMachine(state: SimState): { app: string; machineId: string } | null {
  for (const app of state.fly.apps) {
    const machine = app.machines.find((m) => m.state === "failed");
    if (machine) return { app: app.name, machineId: machine.id };
  }
  return null;
}

function joinLabels(vendors: StoryVendor[]): string {
  const labels = vendors.map((v) => vendorLabels[v]);
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}` : (labels[0] ?? "");
}

/**
 * The scripted model asks to restart the failed machine; Lookout does it only if the Fly envelope is on.
 * The replies are keyed to the fly probe, so an investigation of another probe running beside it cannot
 * take them (it gets the simulator's default findings for its own issue); a stale Fly script is replaced.
 */
function scriptFlyInvestigation(state: SimState): void {
  const failed = failedMachine(state);
  if (!failed) return;
  state.anthropic.script = [...state.anthropic.script.filter((r) => r.key !== "fly"), ...scriptRestart(failed.app, failed.machineId)];
}

/** Acts from `at` until the act that ends the window opened there on `vendor` (the whole round if none does). */
function windowSteps(story: readonly DemoAct[], at: number, vendor: StoryVendor): number {
  let steps = 1;
  while (steps < story.length) {
    const m = story[(at + steps) % story.length]!.maintenance;
    if (m && "end" in m && m.end === vendor) break;
    steps++;
  }
  return steps;
}

export function createStoryPlayer({ simulator, db, stepMs }: StoryStage, story: readonly DemoAct[] = demoStory): StoryPlayer {
  const failing = new Set<StoryVendor>();
  const windows = new Map<StoryVendor, string>();
  let step = 0;

  /** Opens or ends the act's window; a problem is announced, never thrown, so the story plays on. */
  async function runMaintenance(act: DemoAct, index: number, at: Date): Promise<{ window: PlayedAct["window"]; said: string | null }> {
    const m = act.maintenance;
    if (!m) return { window: null, said: null };
    const vendor = "open" in m ? m.open : m.end;
    try {
      if ("open" in m) {
        const minutes = Math.max(1, Math.ceil((windowSteps(story, index, vendor) * stepMs) / 60_000));
        const reason = `demo: ${vendorLabels[vendor]} maintenance (npm run demo)`;
        const window = await createMaintenanceWindow(db, { scope: vendor, durationMinutes: minutes, reason }, DEMO_ACTOR, at);
        windows.set(vendor, window.id);
        return { window: { opened: window.id }, said: maintenanceExpectations.open(vendor, minutes) };
      }
      const id = windows.get(vendor);
      if (!id) return { window: null, said: null }; // The demo started after this window's act: nothing to end.
      windows.delete(vendor);
      await endMaintenanceWindow(db, id, DEMO_ACTOR, at);
      return { window: { ended: id }, said: maintenanceExpectations.end(vendor) };
    } catch (error) {
      return { window: null, said: `The demo could not ${"open" in m ? "open" : "end"} the ${vendorLabels[vendor]} maintenance window (${describeError(error)})` };
    }
  }

  return {
    async next(now = Date.now()) {
      const { state } = simulator;
      const index = step % story.length;
      const round = Math.floor(step / story.length) + 1;
      const act = story[index]!;
      step++;

      // A Fly machine Lookout restarted is no longer failing, whatever the story began.
      const isFailing = (v: StoryVendor) => (v === "fly" ? failedMachine(state) !== null : failing.has(v));
      const recovered = act.recover.filter(isFailing);
      const restartedEarlier = act.recover.includes("fly") && failing.has("fly") && !isFailing("fly");
      for (const vendor of act.recover) {
        restoreVendor(state, vendor, now);
        failing.delete(vendor);
      }
      // The window first, so the failure's first probe cycle already falls inside it.
      const maintenance = await runMaintenance(act, index, new Date(now));
      const silenced = new Set(windows.keys());
      for (const failure of act.begin) {
        applyScenario(state, failure, now);
        failing.add(storyFailures[failure]);
        if (failure === "fly-machine-fails") scriptFlyInvestigation(state);
      }

      const parts = [
        recovered.length ? `${joinLabels(recovered)} recover${recovered.length === 1 ? "s" : ""}` : null,
        restartedEarlier ? "the Fly machine already runs again (Lookout restarted it)" : null,
        act.say,
      ].filter(Boolean);
      // A failure inside a window is announced by the window's line: it wakes nothing until the window ends.
      const expectations = [...act.begin.filter((f) => !silenced.has(storyFailures[f])).map((f) => storyExpectations[f]), maintenance.said].filter(Boolean);
      const line = `round ${round}, act ${index + 1}/${story.length}: ${parts.join("; ")}${expectations.length ? `. ${expectations.join(". ")}` : ""}`;
      return { round, index, act, recovered, window: maintenance.window, line };
    },
  };
}
