import { z } from "zod";
import { probeNames } from "@/lib/probes/types";

/** Longest window one request may open: a week, so a typo cannot silence Lookout for a year. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/** What creating a window takes: a scope (one probe or all), a start (now, or later), a length and a reason. */
export const createMaintenanceInput = z.object({
  scope: z.enum(["all", ...probeNames]),
  /** Absent means now. A scheduled start may be at most 30 days ahead. */
  startsAt: z.coerce.date().optional(),
  durationMinutes: z.coerce.number().int().min(1).max(MAX_WINDOW_MINUTES),
  reason: z.string().trim().min(1, "say why: the reason is kept in the audit log").max(200),
});
export type CreateMaintenanceInput = z.infer<typeof createMaintenanceInput>;

export const endMaintenanceInput = z.object({ id: z.string().trim().min(1).max(64) });
