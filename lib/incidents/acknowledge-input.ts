import { z } from "zod";
import { sessionIdPattern } from "./session-id";

/** What the dashboard sends to acknowledge an incident: its session id, nothing else (who comes from the session). */
export const acknowledgeIncidentInput = z.strictObject({
  sessionId: z.string().max(200).regex(sessionIdPattern, "not a session id"),
});
export type AcknowledgeIncidentInput = z.infer<typeof acknowledgeIncidentInput>;
