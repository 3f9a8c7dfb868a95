import type { IncomingHttpHeaders } from "node:http";
import type { SimVendor } from "./faults";

// Every vendor request the simulator received, so tests can assert what Lookout sent (how many
// restarts, which headers, that no secret value travelled). Capped so a long demo cannot grow it forever.

export interface RecordedRequest {
  method: string;
  /** Fault/latency key of the vendor addressed, or null for an unknown or reserved prefix. */
  vendor: SimVendor | null;
  /** Path and query exactly as received, prefix included, e.g. `/fly/v1/apps/a/machines`. */
  path: string;
  headers: Record<string, string>;
  body: string;
  at: string;
}

export const REQUEST_LOG_CAP = 1_000;

export interface RequestLog {
  add(entry: Omit<RecordedRequest, "headers"> & { headers: IncomingHttpHeaders }): void;
  list(): RecordedRequest[];
  clear(): void;
}

export function createRequestLog(cap = REQUEST_LOG_CAP): RequestLog {
  let entries: RecordedRequest[] = [];
  return {
    add(entry) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(entry.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      entries.push({ ...entry, headers });
      // Drop the oldest; the recent requests are the ones a test asserts on.
      if (entries.length > cap) entries = entries.slice(entries.length - cap);
    },
    list: () => entries.map((e) => ({ ...e, headers: { ...e.headers } })),
    clear() {
      entries = [];
    },
  };
}
