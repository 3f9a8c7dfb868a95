import { describeError } from "@/lib/describe-error";
import { consumeWakes, type ConsumeDeps, type ConsumeSummary } from "./consume-wakes";

const labels: Record<keyof ConsumeSummary, string> = {
  investigated: "investigated",
  debounced: "debounced",
  deferred: "deferred behind an investigation in flight",
  retried: "to retry",
  failed: "failed for good",
  takenOver: "taken over by another consumer",
  resolutionsNotified: "resolution(s) told",
  remindersQueued: "reminder(s) queued",
  dmsSent: "DM(s) delivered from the outbox",
  dmsUndelivered: "DM(s) undeliverable",
  outOfTime: "pass(es) stopped short of the function's time limit (the rest left to the next run)",
};

/** "wakes: 1 investigated, 2 to retry": what a consumer pass did, or null when it did nothing. */
export function describeConsumeSummary(s: ConsumeSummary): string | null {
  const did = (Object.keys(labels) as (keyof ConsumeSummary)[]).filter((k) => s[k] > 0).map((k) => `${s[k]} ${labels[k]}`);
  return did.length ? `wakes: ${did.join(", ")}` : null;
}

/** For fire-and-forget callers (`after()`, the scheduler): never rejects; says what it did in one line. */
export async function consumeWakesLogged(deps: Pick<ConsumeDeps, "budget"> = {}): Promise<void> {
  try {
    const line = describeConsumeSummary(await consumeWakes(deps));
    if (line) console.log(`[lookout] ${line}`);
  } catch (error) {
    console.error(`[lookout] wake consumer failed: ${describeError(error)}`);
  }
}
