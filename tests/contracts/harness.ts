import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { z } from "zod";
import { simulatorEnv, startSimulator, type Simulator } from "@/simulator/server";

// Shared plumbing for the contract tests: the simulator over real HTTP, the example files, and
// assertions that print which part of a body broke a vendor's contract.

/** The injected 5xx faults every vendor must answer in its own error shape (529 is Anthropic's alone). */
export const injectedStatuses = [500, 502, 503, 504] as const;

export interface Running {
  sim: Simulator;
  /** The Lookout environment pointing at this simulator: base URLs and the credentials it accepts. */
  env: Record<string, string>;
}

/** One simulator per test file, reset before each test so scenarios and faults never leak between tests. */
export function withSimulator(): () => Running {
  let running: Running | undefined;
  beforeAll(async () => {
    const sim = await startSimulator({ port: 0 });
    running = { sim, env: simulatorEnv(sim.url) };
  });
  beforeEach(() => running?.sim.reset());
  afterAll(async () => {
    await running?.sim.close();
  });
  return () => {
    if (!running) throw new Error("the simulator is not running: call withSimulator() at module level");
    return running;
  };
}

/** One value of the simulator's Lookout environment; a missing one is a broken harness, not a vendor fact. */
export function envValue(running: Running, key: string): string {
  const value = running.env[key];
  if (!value) throw new Error(`simulatorEnv() has no ${key}`);
  return value;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON; fails the test with the raw text when it is not JSON. */
  json(): unknown;
}

export async function get(url: string | URL, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return expect.fail(`${res.status} body from ${String(url)} is not JSON: ${text.slice(0, 300)}`);
      }
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function basicAuth(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

/** Response headers as a plain object with lower-case names, for header schemas. */
export function headerRecord(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers.entries());
}

/** A hand-written example under tests/contracts/examples/<vendor>/; each test names the published source it follows. */
export function readExample(vendor: string, file: string): string {
  return readFileSync(path.join(import.meta.dirname, "examples", vendor, file), "utf8");
}

export function readJsonExample(vendor: string, file: string): unknown {
  return JSON.parse(readExample(vendor, file)) as unknown;
}

/** Parses with the contract, failing with every broken path and the start of the offending body. */
export function expectValid<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    expect.fail(`${what} breaks the contract:\n${z.prettifyError(result.error)}\nbody: ${JSON.stringify(value)?.slice(0, 400)}`);
  }
  return result.data;
}

/** Asserts the contract rejects the value, and for the expected reason (a key or message fragment in the issues). */
export function expectRejected(schema: z.ZodType, value: unknown, reason: string): void {
  const result = schema.safeParse(value);
  expect(result.success, `the contract accepted a body it must reject (${reason})`).toBe(false);
  expect(JSON.stringify(result.error?.issues)).toContain(reason);
}
