import type { z } from "zod";
import { fetchVendor, type HttpFailure, type VendorRequest } from "@/lib/probes/http";
import type { ProbeDetails, ProbeOutcome } from "@/lib/probes/types";

// Shared by every vendor module: body validation and the mapping from a failed call to a probe status.

export type Fetched<T> = { ok: true; status: number; headers: Headers; data: T } | HttpFailure;

/** Names the first schema mismatch, e.g. `deployments: expected array`, without echoing values. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unexpected shape";
  const path = issue.path.length ? `${issue.path.map(String).join(".")}: ` : "";
  return `${path}${issue.message.replace(/^Invalid input: /, "")}`;
}

/** Fetches and validates with a lenient schema: a wrong shape becomes a `malformed` failure, never a crash. */
export async function fetchParsed<T>(req: VendorRequest, schema: z.ZodType<T>): Promise<Fetched<T>> {
  const result = await fetchVendor(req);
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.body);
  if (parsed.success) return { ok: true, status: result.status, headers: result.headers, data: parsed.data };
  return {
    ok: false,
    kind: "malformed",
    status: result.status,
    error: `${req.service} returned a malformed body (${describeIssue(parsed.error)})`,
    retryAfterS: null,
    body: null,
  };
}

/** Rate-limit fields for details: present only when the vendor refused with a 429. */
export function rateLimitDetails(failure: HttpFailure): ProbeDetails {
  return failure.kind === "rate_limited" ? { rate_limited: true, retry_after_s: failure.retryAfterS } : {};
}

/**
 * The outcome when the call that decides a probe's status failed. A 429 means the vendor is up but
 * declined to answer, so it is `degraded`; every other failure is `unhealthy`.
 */
export function failedOutcome(failure: HttpFailure, details: ProbeDetails = {}): ProbeOutcome {
  const status = failure.kind === "rate_limited" ? "degraded" : "unhealthy";
  return { status, details: { ...details, ...rateLimitDetails(failure) }, error: failure.error };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const roundTo = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Strips trailing slashes so `${base}/v1/...` never doubles them (base URLs may carry a path prefix). */
export const trimBase = (url: string) => url.replace(/\/+$/, "");
