import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseEnv, type Env } from "@/lib/env";
import { createProbeContext } from "@/lib/probes/run-probe";
import type { ProbeMemory } from "@/lib/probes/memory";
import type { ProbeContext } from "@/lib/probes/types";

// A loopback server that answers with recorded vendor bodies, so probes run their real HTTP path in tests.

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** hang: never answer; reset: TCP reset before headers; malformed: 200 with a broken JSON body. */
  fault?: "hang" | "reset" | "malformed";
}

export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

type Route = FakeReply | ((req: SeenRequest) => FakeReply);

export interface FakeVendor {
  /** Base URL with a path prefix, as the simulator serves vendors, to prove URLs are built by concatenation. */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const prefix = "/vendor";

export async function startFakeVendor(routes: Record<string, Route>, everyRequest?: FakeReply): Promise<FakeVendor> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? "/", "http://fake");
    const seen = { path: parsed.pathname.slice(prefix.length), query: parsed.searchParams, headers: req.headers };
    requests.push(seen);
    const route = routes[seen.path];
    const reply: FakeReply = everyRequest ?? (typeof route === "function" ? route(seen) : route) ?? { status: 404, json: { error: "no route" } };
    if (reply.fault === "hang") return;
    if (reply.fault === "reset") return req.socket.resetAndDestroy();
    const body = reply.fault === "malformed" ? '{"data": [' : (reply.text ?? JSON.stringify(reply.json ?? null));
    const type = reply.text !== undefined ? "text/plain; charset=utf-8" : "application/json";
    res.writeHead(reply.status ?? 200, { "content-type": type, ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const fixtureRoot = path.resolve(import.meta.dirname, "../../fixtures/vendors");

/** A recorded body: parsed JSON for `.json` files, text otherwise. */
export function loadFixture<T = unknown>(vendor: string, name: string): T {
  const raw = fs.readFileSync(path.join(fixtureRoot, vendor, name), "utf8");
  return (name.endsWith(".json") ? JSON.parse(raw) : raw) as T;
}

/** The instant the recorded bodies were captured around. */
export const fixtureNow = new Date("2026-11-25T12:00:00.000Z");

/** A validated env with only the given variables set (plus defaults). */
export function buildEnv(vars: Record<string, string>): Env {
  return parseEnv({ DATABASE_URL: "file:./data/test.db", ...vars });
}

/** Runs a probe body with a real timeout signal, as run-probe would. */
export async function withContext<T>(
  fn: (ctx: ProbeContext) => Promise<T>,
  opts: { timeoutMs?: number; pageCap?: number; memory?: ProbeMemory } = {},
): Promise<T> {
  const { ctx, dispose } = createProbeContext({ timeoutMs: opts.timeoutMs ?? 2_000, pageCap: opts.pageCap ?? 10, now: fixtureNow, memory: opts.memory });
  try {
    return await fn(ctx);
  } finally {
    dispose();
  }
}
