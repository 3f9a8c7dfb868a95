import { z } from "zod";

// Reads the Fly snapshot's own list of unhealthy machines: the only machines the executor may touch.

const reportedMachine = z.object({
  id: z.string(),
  name: z.string().nullish(),
  region: z.string().nullish(),
  state: z.string().nullish(),
  reasons: z.array(z.string()).catch([]),
});
// Lenient on purpose: a snapshot that does not parse yields no machines, so the executor refuses.
const flySnapshotDetails = z.object({
  apps: z.array(z.object({ app: z.string(), unhealthy: z.array(reportedMachine).catch([]) })).catch([]),
});
export type ReportedMachine = z.infer<typeof reportedMachine>;

export type ReportedMachineMatch = { ok: true; machine: ReportedMachine } | { ok: false; message: string };

/** Every (app, machine) the snapshot listed unhealthy; empty when the details are not JSON or not Fly's shape. */
export function listReportedMachines(detailsJson: string): { app: string; machine: ReportedMachine }[] {
  let raw: unknown;
  try {
    raw = JSON.parse(detailsJson);
  } catch {
    return [];
  }
  const parsed = flySnapshotDetails.safeParse(raw);
  if (!parsed.success) return [];
  return parsed.data.apps.flatMap((a) => a.unhealthy.map((machine) => ({ app: a.app, machine })));
}

/** Finds exactly this machine of exactly this app among those the snapshot reported unhealthy. */
export function findReportedMachine(detailsJson: string, app: string, machineId: string): ReportedMachineMatch {
  const reported = listReportedMachines(detailsJson);
  const match = reported.find((r) => r.app === app && r.machine.id === machineId);
  if (match) return { ok: true, machine: match.machine };
  const known = reported.map((r) => `${r.app}/${r.machine.id}`).slice(0, 5);
  const hint = known.length ? `it reported only: ${known.join(", ")}` : "it reported no unhealthy machine";
  return { ok: false, message: `Machine ${machineId} in app ${app} is not listed unhealthy in this incident's Fly snapshot; ${hint}.` };
}
