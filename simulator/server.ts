import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl, type ControlTarget } from "./control";
import { faultSchema, simVendorSchema, sleep, takeFault, type Fault, type SimVendor } from "./faults";
import type { SimContext, SimResponse, VendorModule } from "./http";
import { leakResponse } from "./leak";
import { createRequestLog, type RecordedRequest } from "./request-log";
import { findVendorRoute, vendorRoutes, type VendorPrefix } from "./routes";
import { applyScenario, type ScenarioName } from "./scenarios";
import { defaultState, type SimState } from "./state";

// The vendor simulator: one loopback origin speaking every vendor's API under its own path prefix,
// with scriptable state and per-vendor fault injection. Tests start it on port 0.

// Re-exported so a caller that starts the simulator also gets the env that points Lookout at it.
export { simulatorCredentials, simulatorEnv } from "./state";

export interface StartSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Starting state; reset() returns to a copy of it. Default: defaultState(). */
  state?: SimState;
}

export interface Simulator extends ControlTarget {
  url: string;
  port: number;
  /** The live state: mutate it directly or through the methods below. Hold this object, not its slices. */
  state: SimState;
  applyScenario(name: ScenarioName): void;
  setFault(vendor: SimVendor, fault: Fault | null): void;
  setLatency(vendor: SimVendor, ms: number): void;
  /** Leak mode: every vendor answer carries the credentials and token-shaped canaries. Off by default and after reset(). */
  setLeak(on: boolean): void;
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Back to the starting state, with no faults, no latency and an empty request log. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const statusMessages: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  529: "Overloaded",
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(req: IncomingMessage, res: ServerResponse, out: SimResponse): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(out.status, { ...out.headers, "content-length": String(Buffer.byteLength(out.body)) });
  res.end(req.method === "HEAD" ? undefined : out.body);
}

/** Half of the real body under a JSON content type: what a proxy cutting a response short looks like. */
function malformed(out: SimResponse): SimResponse {
  let body = out.body.slice(0, Math.max(1, Math.floor(out.body.length / 2)));
  try {
    JSON.parse(body);
    body += "{";
  } catch {
    // Already unparseable, which is the point.
  }
  return { status: 200, headers: { ...out.headers, "content-type": "application/json; charset=utf-8" }, body };
}

export async function startSimulator(opts: StartSimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? "127.0.0.1";
  const initial = opts.state ? structuredClone(opts.state) : null;
  const state = opts.state ?? defaultState();
  const log = createRequestLog();
  const closing = new AbortController();
  // Every delayed request listens for close(); many at once is normal here, not a leak.
  setMaxListeners(0, closing.signal);

  async function answerVendor(prefix: VendorPrefix, vendorModule: VendorModule, ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    await sleep(state.latencyMs[vendorModule.vendor] ?? 0, closing.signal);
    const fault = takeFault(state.faults, vendorModule.vendor, ctx.path);
    if (fault?.kind === "latency") await sleep(fault.ms, closing.signal);
    if (fault?.kind === "hang") return; // Never answered; close() or the client's abort ends the socket.
    if (fault?.kind === "reset" || closing.signal.aborted) {
      req.socket.destroy();
      return;
    }
    const live = { ...ctx, now: Date.now() };
    let out: SimResponse;
    if (fault?.kind === "status") out = vendorModule.error(live, fault.status, statusMessages[fault.status] ?? "Server Error");
    else if (fault?.kind === "rate_limit") out = vendorModule.rateLimited(live, fault.retryAfterS);
    else out = vendorModule.authorize(live) ?? vendorModule.handle(live);
    vendorModule.decorate?.(live, out);
    if (state.leak) out = leakResponse(prefix, live, out);
    if (fault?.kind === "drop_reply") return; // Carried out above; the answer never leaves.
    send(req, res, fault?.kind === "malformed" ? malformed(out) : out);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
    const [, prefix = "", ...rest] = url.pathname.split("/");
    const body = await readBody(req);
    const method = req.method ?? "GET";
    if (prefix === "_control") return send(req, res, await handleControl(sim, method, rest.join("/"), body));

    const vendorModule = findVendorRoute(prefix);
    log.add({ method, vendor: vendorModule?.vendor ?? null, path: `${url.pathname}${url.search}`, headers: req.headers, body, at: new Date().toISOString() });
    if (!vendorModule) {
      const known = Object.keys(vendorRoutes).map((p) => `/${p}`).join(", ");
      const message = `no simulated vendor at /${prefix}; known prefixes: ${known}`;
      return send(req, res, { status: 404, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: "not_found", message }) });
    }
    const ctx: SimContext = {
      method,
      path: `/${rest.join("/")}`,
      query: url.searchParams,
      headers: req.headers,
      body,
      state,
      now: Date.now(),
      base: `${url.origin}/${prefix}`,
    };
    await answerVendor(prefix as VendorPrefix, vendorModule, ctx, req, res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error("[simulator] request failed", error);
      send(req, res, { status: 500, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: "simulator_error", message: String(error) }) });
    });
  });

  const sim: Simulator = {
    // Filled in once the server is listening (port 0 means the OS picks one).
    url: "",
    port: 0,
    state,
    applyScenario: (name) => applyScenario(state, name),
    setFault(vendor, fault) {
      const v = simVendorSchema.parse(vendor);
      if (fault === null) delete state.faults[v];
      else state.faults[v] = faultSchema.parse(fault);
    },
    setLatency(vendor, ms) {
      const v = simVendorSchema.parse(vendor);
      if (ms > 0) state.latencyMs[v] = ms;
      else delete state.latencyMs[v];
    },
    setLeak(on) {
      state.leak = on;
    },
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    reset() {
      Object.assign(state, initial ? structuredClone(initial) : defaultState());
      log.clear();
    },
    close() {
      closing.abort();
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and keep-alive sockets would otherwise hold close() open indefinitely.
        server.closeAllConnections();
      });
    },
  };
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  sim.port = (server.address() as AddressInfo).port;
  sim.url = `http://${host.includes(":") ? `[${host}]` : host}:${sim.port}`;

  return sim;
}
