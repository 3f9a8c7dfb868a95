import { describeError } from "@/lib/describe-error";
import { consumeWakes } from "./consume-wakes";

/** For fire-and-forget callers (`after()`, the scheduler): never rejects; says what it did in one line. */
export async function consumeWakesLogged(): Promise<void> {
  try {
    const s = await consumeWakes();
    const did = Object.entries(s).filter(([, n]) => n > 0);
    if (did.length) console.log(`[lookout] wakes: ${did.map(([k, n]) => `${n} ${k}`).join(", ")}`);
  } catch (error) {
    console.error(`[lookout] wake consumer failed: ${describeError(error)}`);
  }
}
