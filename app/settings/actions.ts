"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { createMaintenanceInput, endMaintenanceInput } from "@/lib/maintenance/maintenance-input";
import { createMaintenanceWindow, endMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
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

// Maintenance windows: the schemas refuse unknown keys here, so a payload naming its own actor is refused.
const runCreateMaintenance = safeAction("createMaintenance", z.strictObject(createMaintenanceInput.shape), async (input, operator) => {
  const window = await createMaintenanceWindow(db, input, operator.operator);
  return { id: window.id, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
});

const runEndMaintenance = safeAction("endMaintenance", z.strictObject(endMaintenanceInput.shape), async ({ id }, operator) => ({
  id,
  ended: await endMaintenanceWindow(db, id, operator.operator),
}));

/** Opens a maintenance window (now or scheduled) from Settings; the audit row names the signed-in operator. */
export async function createMaintenanceAction(raw: unknown) {
  const result = await runCreateMaintenance(raw);
  if (result.ok) revalidateMaintenance();
  return result;
}

/** Ends a window now, or cancels a scheduled one; ending one already ended changes nothing. */
export async function endMaintenanceAction(raw: unknown) {
  const result = await runEndMaintenance(raw);
  if (result.ok) revalidateMaintenance();
  return result;
}

function revalidateMaintenance() {
  revalidatePath("/settings");
  revalidatePath("/");
}
