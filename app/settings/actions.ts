"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { toggleEnvelope, toggleEnvelopeInput } from "@/lib/envelopes/toggle-envelope";
import { getCurrentActor } from "@/lib/actions/current-actor";

const runToggleEnvelope = safeAction("toggleEnvelope", toggleEnvelopeInput, async (input) =>
  toggleEnvelope(input, { actor: await getCurrentActor() }),
);

/** The settings toggle. Takes `unknown` on purpose: the browser can send anything, the wrapper decides. */
export async function toggleEnvelopeAction(raw: unknown) {
  const result = await runToggleEnvelope(raw);
  // Re-render the page so "last changed" and the stored state come from the database, not the optimistic guess.
  if (result.ok) revalidatePath("/settings");
  return result;
}
