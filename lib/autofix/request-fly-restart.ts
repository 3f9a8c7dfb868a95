import { fetchVendor } from "@/lib/probes/http";
import { bearer, trimBase } from "@/lib/probes/outcome";

// The one write call Lookout makes to Fly, through the same never-throwing, secret-free HTTP layer the probes use.

export const flyRestartTimeoutMs = 15_000;

export interface FlyRestartTarget {
  apiUrl: string;
  token: string;
  app: string;
  machineId: string;
  timeoutMs?: number;
}

export type FlyRestartResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** POST /v1/apps/{app}/machines/{id}/restart. Any 2xx counts: Fly's restart body is not documented, so it is read as text. */
export async function requestFlyRestart(target: FlyRestartTarget): Promise<FlyRestartResult> {
  const url = `${trimBase(target.apiUrl)}/v1/apps/${encodeURIComponent(target.app)}/machines/${encodeURIComponent(target.machineId)}/restart`;
  const result = await fetchVendor({
    service: "Fly API",
    method: "POST",
    url,
    signal: AbortSignal.timeout(target.timeoutMs ?? flyRestartTimeoutMs),
    headers: bearer(target.token),
    as: "text",
  });
  return result.ok ? { ok: true, status: result.status } : { ok: false, status: result.status, error: result.error };
}
