import { describeNetworkError, readRetryAfter, readVendorMessage, tidyMessage } from "@/lib/probes/http-errors";

// The one HTTP path every probe uses. It never throws: each failure comes back as one sentence that
// names the vendor and what went wrong, and never echoes request headers (where the credentials live).

/** Vendor bodies Lookout reads are small; anything bigger is a misbehaving endpoint, not data. */
export const maxBodyBytes = 5 * 1024 * 1024;

/** The abort reason run-probe uses, so a timeout can be reported with its configured budget. */
export class ProbeTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = "ProbeTimeoutError";
  }
}

export type HttpFailureKind = "timeout" | "aborted" | "network" | "rate_limited" | "auth" | "http" | "malformed" | "too_large";

export interface HttpSuccess {
  ok: true;
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when `as: "text"`. */
  body: unknown;
}

export interface HttpFailure {
  ok: false;
  kind: HttpFailureKind;
  status: number | null;
  /** One sentence starting with the service name, safe to store. */
  error: string;
  retryAfterS: number | null;
  /** Parsed error body when there was one, so callers can read vendor codes (e.g. PGRST205). */
  body: unknown;
}

export type HttpResult = HttpSuccess | HttpFailure;

export interface VendorRequest {
  /** Starts every error sentence, e.g. "Fly API". */
  service: string;
  url: string;
  signal: AbortSignal;
  /** GET for every probe; POST only for the one action Lookout takes (the Fly restart). */
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  as?: "json" | "text";
  /** Overrides the shared vendor error-body reader for a vendor with an unusual shape. */
  readError?: (body: unknown) => string | null;
}

type Body = { text: string } | { tooLarge: true };

async function readCapped(response: Response): Promise<Body> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { tooLarge: true };
  }
  if (!response.body) return { text: "" };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: text.trim() === "" ? null : JSON.parse(text) };
  } catch {
    return null;
  }
}

function failure(kind: HttpFailureKind, error: string, extra: Partial<HttpFailure> = {}): HttpFailure {
  return { ok: false, kind, status: null, error, retryAfterS: null, body: null, ...extra };
}

/** Names why a request stopped before completing: our timeout, another abort, or the network. */
function describeThrown(err: unknown, req: VendorRequest, startedAt: number, phase: "request" | "body"): HttpFailure {
  if (req.signal.aborted) {
    const reason: unknown = req.signal.reason;
    if (reason instanceof ProbeTimeoutError) return failure("timeout", `${req.service} timed out after ${reason.timeoutMs} ms`);
    if (reason instanceof Error && reason.name === "TimeoutError") {
      return failure("timeout", `${req.service} timed out after ${Math.round(performance.now() - startedAt)} ms`);
    }
    return failure("aborted", `${req.service} request was cancelled`);
  }
  const what = phase === "request" ? "unreachable" : "response was interrupted";
  return failure("network", `${req.service} ${what}: ${describeNetworkError(err)}`);
}

function describeStatus(req: VendorRequest, response: Response, body: unknown): HttpFailure {
  const { status } = response;
  const message = (req.readError ?? readVendorMessage)(body);
  const suffix = message ? `: ${tidyMessage(message)}` : "";
  if (status === 429) {
    const retryAfterS = readRetryAfter(response.headers, body);
    const wait = retryAfterS === null ? "HTTP 429" : `retry after ${retryAfterS} s`;
    return failure("rate_limited", `${req.service} rate limited (${wait})`, { status, retryAfterS, body });
  }
  if (status === 401 || status === 403) {
    return failure("auth", `${req.service} credentials rejected (HTTP ${status})${suffix}`, { status, body });
  }
  if (status >= 300 && status < 400) {
    return failure("http", `${req.service} redirected (HTTP ${status}); check the base URL`, { status, body });
  }
  return failure("http", `${req.service} answered HTTP ${status}${suffix}`, { status, body });
}

/** Calls a vendor endpoint (GET unless told otherwise) and returns its parsed body, or a failure sentence. Never throws. */
export async function fetchVendor(req: VendorRequest): Promise<HttpResult> {
  const startedAt = performance.now();
  let response: Response;
  try {
    // Redirects are not followed: a hop to another origin would be a place credentials must not go.
    response = await fetch(req.url, {
      method: req.method ?? "GET",
      headers: { accept: req.as === "text" ? "text/plain, */*" : "application/json", ...req.headers },
      signal: req.signal,
      redirect: "manual",
      cache: "no-store",
    });
  } catch (err) {
    return describeThrown(err, req, startedAt, "request");
  }

  let read: Body;
  try {
    read = await readCapped(response);
  } catch (err) {
    return describeThrown(err, req, startedAt, "body");
  }
  if ("tooLarge" in read) {
    const mb = maxBodyBytes / 1024 / 1024;
    return failure("too_large", `${req.service} response exceeded ${mb} MB`, { status: response.status });
  }

  const json = parseJson(read.text);
  if (!response.ok) return describeStatus(req, response, json ? json.value : read.text);
  if (req.as === "text") return { ok: true, status: response.status, headers: response.headers, body: read.text };
  if (!json) return failure("malformed", `${req.service} returned malformed JSON`, { status: response.status });
  return { ok: true, status: response.status, headers: response.headers, body: json.value };
}
