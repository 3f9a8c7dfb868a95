import { z } from "zod";

/** What the model (or anyone) asks the Fly executor to do: restart one machine of one app. */
export const restartMachineRequest = z.strictObject({
  app: z.string().trim().min(1).max(100),
  machine_id: z.string().trim().min(1).max(100),
  reason: z.string().trim().max(500).optional(),
});
export type RestartMachineRequest = z.infer<typeof restartMachineRequest>;

/** The rules the executor checks at execution time, in this order; the first that fails refuses. */
export const autofixRules = [
  "envelope_enabled",
  "machine_reported_unhealthy",
  "one_restart_per_incident",
  "app_cooldown",
] as const;
export type AutofixRule = (typeof autofixRules)[number];

export type AutofixResult =
  | { outcome: "succeeded"; app: string; machineId: string; message: string }
  | { outcome: "refused"; rule: AutofixRule | "invalid_request"; app: string | null; machineId: string | null; message: string }
  | { outcome: "failed"; app: string; machineId: string; message: string };

/** Where the attempt comes from: the incident it belongs to and the snapshot that saw the fault. */
export interface AutofixContext {
  sessionId: string;
  wakeId: string;
  /** The snapshot the wake was emitted for: the only source of which machines may be restarted. */
  snapshotId: string;
  requestedBy: string;
}

/** What one `tool.probe_autofix_attempted` row records; `rule` only on a refusal. */
export const autofixAttemptDetails = z.object({
  outcome: z.enum(["allowed", "refused", "succeeded", "failed"]),
  rule: z.enum([...autofixRules, "invalid_request"]).optional(),
  app: z.string().nullable(),
  machine_id: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string(),
  wake_id: z.string(),
  snapshot_id: z.string(),
  capability: z.literal("probe_autofix_fly_restart"),
});
export type AutofixAttemptDetails = z.infer<typeof autofixAttemptDetails>;

/**
 * One restart attempt as Lookout's own audit rows tell it: the final outcome, or "unconfirmed" when the
 * restart was allowed but no result was ever written (a consumer that died mid-call).
 */
export interface AutofixRecord {
  wakeId: string | null;
  outcome: "succeeded" | "failed" | "refused" | "unconfirmed";
  rule: AutofixRule | "invalid_request" | null;
  app: string | null;
  machineId: string | null;
  message: string;
}
