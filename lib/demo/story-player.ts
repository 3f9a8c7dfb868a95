import { scriptRestart } from "@/simulator/anthropic-script";
import { applyScenario, restoreVendor } from "@/simulator/scenarios";
import type { SimState } from "@/simulator/state";
import { demoStory, storyExpectations, storyFailures, vendorLabels, type DemoAct, type StoryVendor } from "./story";

// The story's step logic, shared by `npm run demo` (on a timer) and the integration test that plays
// the story compressed: each call plays the next act on the simulator and says what happened.

export interface PlayedAct {
  /** 1 for the first time through the story. */
  round: number;
  /** The act's index in the story. */
  index: number;
  act: DemoAct;
  /** Vendors that were failing and are healthy again as of this act. */
  recovered: StoryVendor[];
  /** The announcement, e.g. "round 1, act 2/6: a Fly machine in lookout-runtime fails. Lookout …". */
  line: string;
}

export interface StoryPlayer {
  next(now?: number): PlayedAct;
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

export function createStoryPlayer(simulator: { state: SimState }, story: readonly DemoAct[] = demoStory): StoryPlayer {
  const failing = new Set<StoryVendor>();
  let step = 0;
  return {
    next(now = Date.now()) {
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
      const expectations = act.begin.map((f) => storyExpectations[storyFailures[f]]);
      const line = `round ${round}, act ${index + 1}/${story.length}: ${parts.join("; ")}${expectations.length ? `. ${expectations.join(". ")}` : ""}`;
      return { round, index, act, recovered, line };
    },
  };
}
