"use server";

import { revalidatePath } from "next/cache";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { runAfterResponse } from "@/lib/run-after-response";
import { consumeWakesLogged } from "@/lib/wake/consume-wakes-logged";
import { describeError } from "@/lib/describe-error";
import { getOperator } from "@/lib/auth/current-operator";
import { SIGNED_OUT } from "@/lib/actions/safe-action";

export type RunNowResult = { ok: true; cycleId: string; coalesced: boolean } | { ok: false; status?: 401; message: string };

const triggerNames: Record<string, string> = { cron: "the cron route", scheduler: "the scheduler", manual: "Run now" };

/** "Run now" on the dashboard: one manual probe cycle. Only known outcomes reach the browser in words. */
export async function runNowAction(): Promise<RunNowResult> {
  if (!(await getOperator())) return { ok: false, status: 401, message: SIGNED_OUT };
  try {
    const result = await runProbeCycle({ trigger: "manual" });
    if (!result.ok) {
      // The overlapping cycle's results land on the cards by themselves, so say so rather than "try again".
      const by = result.heldBy ? ` (started by ${triggerNames[result.heldBy.trigger] ?? result.heldBy.trigger})` : "";
      return { ok: false, message: `Another probe cycle is already running${by}; its results will appear here shortly.` };
    }
    revalidatePath("/");
    return { ok: true, cycleId: result.cycle.cycleId, coalesced: result.coalesced };
  } catch (error) {
    console.error("[lookout] Run now: probe cycle failed:", describeError(error));
    return { ok: false, message: "The probe cycle failed; see the server log." };
  } finally {
    runAfterResponse(consumeWakesLogged);
  }
}
