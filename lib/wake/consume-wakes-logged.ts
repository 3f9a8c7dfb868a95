import { describeError } from "@/lib/describe-error";
import { consumeWakes, type ConsumeSummary } from "./consume-wakes";

const labels: Record<keyof ConsumeSummary, string> = {
  investigated: "investigated",
  debounced: "debounced",
  retried: "to retry",
  failed: "failed for good",
  takenOver: "taken over by another consumer",
  resolutionsNotified: "resolution(s) told",
  dmsSent: "DM(s) delivered from the outbox",
  dmsUndelivered: "DM(s) undeliverable",
};

/** For fire-and-forget callers (`after()`, the scheduler): never rejects; says what it did in one line. */
export async function consumeWakesLogged(): Promise<void> {
  try {
    const s = await consumeWakes();
    const did = (Object.keys(labels) as (keyof ConsumeSummary)[]).filter((k) => s[k] > 0).map((k) => `${s[k]} ${labels[k]}`);
    if (did.length) console.log(`[lookout] wakes: ${did.join(", ")}`);
  } catch (error) {
    console.error(`[lookout] wake consumer failed: ${describeError(error)}`);
  }
}
