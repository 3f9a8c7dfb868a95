import { bearer, trimBase } from "@/lib/probes/outcome";
import { describeNetworkError, readVendorMessage, tidyMessage } from "@/lib/probes/http-errors";

// The one write call Lookout makes to Fly. fetchVendor is GET-only, so this is its POST sibling with the
// same promises: never throws, never follows redirects, and reports one secret-free sentence.

export const flyRestartTimeoutMs = 15_000;
const maxErrorBodyChars = 4_096;

export interface FlyRestartTarget {
  apiUrl: string;
  token: string;
  app: string;
  machineId: string;
  timeoutMs?: number;
}

export type FlyRestartResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** POST /v1/apps/{app}/machines/{id}/restart. Any 2xx counts: Fly's restart body is not documented. */
export async function requestFlyRestart(target: FlyRestartTarget): Promise<FlyRestartResult> {
  const timeoutMs = target.timeoutMs ?? flyRestartTimeoutMs;
  const url = `${trimBase(target.apiUrl)}/v1/apps/${encodeURIComponent(target.app)}/machines/${encodeURIComponent(target.machineId)}/restart`;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { accept: "application/json", ...bearer(target.token) },
      signal,
      redirect: "manual",
      cache: "no-store",
    });
    const text = (await response.text()).slice(0, maxErrorBodyChars);
    if (response.ok) return { ok: true, status: response.status };
    const message = readVendorMessage(parseBody(text));
    const suffix = message ? `: ${tidyMessage(message)}` : "";
    return { ok: false, status: response.status, error: `Fly API answered HTTP ${response.status}${suffix}` };
  } catch (err) {
    if (signal.aborted) return { ok: false, status: null, error: `Fly API timed out after ${timeoutMs} ms` };
    return { ok: false, status: null, error: `Fly API unreachable: ${describeNetworkError(err)}` };
  }
}
