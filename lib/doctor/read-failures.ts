import { mainSurface, surfaceNames, type SurfaceName } from "@/lib/doctor/surfaces";
import type { FailureKind } from "@/lib/doctor/types";
import type { ProbeName } from "@/lib/probes/types";

// Reads the failures out of a probe's error sentence. Probes keep only that sentence (the snapshot is
// what gets stored), and its shape is fixed by lib/probes/http.ts: `<service> credentials rejected
// (HTTP 401): …`, `<service> answered HTTP 404: …`, `<service> timed out after 2000 ms`, and so on.

export interface Failure {
  surface: SurfaceName;
  kind: FailureKind;
  status: number | null;
  retryAfterS: number | null;
  timeoutMs: number | null;
  /** The network cause, e.g. `connection refused (ECONNREFUSED)`. */
  detail: string | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const services = surfaceNames.map(escape).join("|");
const failurePattern = new RegExp(
  `(${services}) (?:credentials rejected \\(HTTP (\\d{3})\\)|answered HTTP (\\d{3})|redirected \\(HTTP (\\d{3})\\)` +
    `|rate limited \\((?:retry after (\\d+) s|HTTP 429)\\)|timed out after (\\d+) ms|(?:unreachable|response was interrupted): ([^;]+)` +
    `|(request was cancelled)|(response exceeded|returned malformed JSON|returned a malformed body))`,
  "g",
);
/** The runner's own guard (`Fly.io probe timed out after 10000 ms`) names the probe, not a service. */
const guardTimeout = /\bprobe timed out after (\d+) ms/;
const internalError = /\binternal probe error\b/;
const anyStatus = /\bHTTP (\d{3})\b/;

/** What a status means to the operator: their credential, their names, the vendor's side, or a wait. */
export function classifyStatus(status: number): FailureKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 300 && status < 400) return "redirect";
  if (status >= 500) return "server_error";
  return "rejected";
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

function fromMatch(m: RegExpMatchArray): Failure {
  const surface = m[1] as SurfaceName;
  const status = num(m[2] ?? m[3] ?? m[4]);
  const base = { surface, status, retryAfterS: null, timeoutMs: null, detail: null };
  if (status !== null) return { ...base, kind: classifyStatus(status) };
  if (m[0].includes(" rate limited ")) return { ...base, kind: "rate_limited", status: 429, retryAfterS: num(m[5]) };
  if (m[6] !== undefined) return { ...base, kind: "timeout", timeoutMs: Number(m[6]) };
  if (m[7] !== undefined) return { ...base, kind: "network", detail: m[7].trim() };
  if (m[8] !== undefined) return { ...base, kind: "timeout" };
  return { ...base, kind: "malformed" };
}

/**
 * Every failure named in `text`, in order. A sentence the patterns do not know but that carries an HTTP
 * status, a runner timeout or an internal error is still read, blamed on the probe's main API.
 */
export function readFailures(text: string | null, probe: ProbeName): Failure[] {
  if (!text) return [];
  const found = [...text.matchAll(failurePattern)].map(fromMatch);
  if (found.length > 0) return found;
  const base = { surface: mainSurface[probe], status: null, retryAfterS: null, timeoutMs: null, detail: null };
  const guard = guardTimeout.exec(text);
  if (guard) return [{ ...base, kind: "timeout", timeoutMs: Number(guard[1]) }];
  if (internalError.test(text)) return [{ ...base, kind: "internal" }];
  const status = anyStatus.exec(text);
  if (status) return [{ ...base, kind: classifyStatus(Number(status[1])), status: Number(status[1]) }];
  return [];
}
