"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { acknowledgeIncidentInput } from "@/lib/incidents/acknowledge-input";
import { sessionHref } from "@/lib/incidents/session-href";

// Acknowledging twice is not an error: the second click finds it done and says so.
const runAcknowledge = safeAction("acknowledgeIncident", acknowledgeIncidentInput, async ({ sessionId }, operator) => {
  const result = await acknowledgeIncident(db, { sessionId, actor: operator.operator, via: "dashboard" });
  if (result === "not_found") throw new UserFacingError("No incident has this session id.", 404);
  if (result === "resolved") throw new UserFacingError("This incident is already resolved; there is nothing to acknowledge.", 409);
  return { sessionId, result };
});

/** The Acknowledge button on a dashboard card and on a timeline. Takes `unknown`: the wrapper decides. */
export async function acknowledgeIncidentAction(raw: unknown) {
  const result = await runAcknowledge(raw);
  if (result.ok) {
    revalidatePath("/");
    revalidatePath(sessionHref(result.data.sessionId));
  }
  return result;
}
