"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { toggleEnvelope, toggleEnvelopeInput } from "@/lib/envelopes/toggle-envelope";

// The audit row names whoever is signed in: the wrapper has already checked the session.
const runToggleEnvelope = safeAction("toggleEnvelope", toggleEnvelopeInput, async (input, operator) =>
  toggleEnvelope(input, { actor: operator.operator }),
);

/** The settings toggle. Takes `unknown` on purpose: the browser can send anything, the wrapper decides. */
export async function toggleEnvelopeAction(raw: unknown) {
  const result = await runToggleEnvelope(raw);
  // Re-render the page so "last changed" and the stored state come from the database, not the optimistic guess.
  if (result.ok) revalidatePath("/settings");
  return result;
}
