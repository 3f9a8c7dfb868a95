import type { IncomingHttpHeaders } from "node:http";
import type { SimVendor } from "./faults";
import type { SimState } from "./state";

// The contract every vendor module follows, so the server knows nothing vendor-specific.

export interface SimContext {
  method: string;
  /** Path after the vendor prefix, e.g. `/v1/apps/lookout-runtime/machines`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  state: SimState;
  now: number;
  /** `http://host:port/<prefix>`, to build absolute links such as Sentry's Link header. */
  base: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface VendorModule {
  /** Key for faults and latency; two modules may share one (Supabase's project and Management API). */
  vendor: SimVendor;
  /** Checks the credential; returns the vendor's own refusal, or null when the request may proceed. */
  authorize(ctx: SimContext): SimResponse | null;
  handle(ctx: SimContext): SimResponse;
  /** An error in the vendor's body shape (used for routing errors and injected 5xx). */
  error(ctx: SimContext, status: number, message: string): SimResponse;
  /** The vendor's real rate-limit signal. */
  rateLimited(ctx: SimContext, retryAfterS: number | undefined): SimResponse;
  /** Headers the vendor puts on every response (request ids, rate-limit counters). */
  decorate?(ctx: SimContext, res: SimResponse): void;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(value) };
}

export function text(status: number, body: string, contentType = "text/plain; charset=utf-8", headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": contentType, ...headers }, body };
}

/** The token from `Authorization: <scheme> <token>` when the scheme is one of `schemes` (case-insensitive). */
export function authToken(ctx: SimContext, schemes: readonly string[]): string | null {
  const raw = ctx.headers.authorization;
  if (!raw) return null;
  const space = raw.indexOf(" ");
  if (space < 0) return null;
  const scheme = raw.slice(0, space).toLowerCase();
  return schemes.some((s) => s.toLowerCase() === scheme) ? raw.slice(space + 1).trim() : null;
}

/** `user:password` from HTTP Basic auth, or null. */
export function basicAuth(ctx: SimContext): { user: string; password: string } | null {
  const encoded = authToken(ctx, ["Basic"]);
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? { user: decoded, password: "" } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Path segments with URL escapes undone, e.g. `/v1/apps/a/machines` -> ["v1","apps","a","machines"]. */
export function segments(path: string): string[] {
  return path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** Seconds and milliseconds since the epoch `afterS` seconds from now, for reset headers and bodies. */
export function resetAt(now: number, afterS: number): { s: number; ms: number } {
  const ms = now + afterS * 1_000;
  return { s: Math.ceil(ms / 1_000), ms };
}

/** Integer query parameter; undefined when absent, NaN when present but not an integer. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
