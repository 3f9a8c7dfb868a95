import { openOperatorSession } from "../lib/auth/operator-sessions";
import { getSessionKey } from "../lib/auth/session-key";
import { signSessionToken } from "../lib/auth/session-token";
import { createDb } from "../lib/db";
import { spawnNext } from "../scripts/next-bin.mjs";
import { percentile } from "./stats";

const PORT = 3950;
// Every instance that shares a database must sign sessions with one key; on Postgres it is required.
export const BENCH_SESSION_SECRET = "bench-session-secret-0123456789abcdef";

// The session cookie of each served app, by origin: pages are measured as the signed-in operator sees them.
const operatorCookies = new Map<string, string>();

/** A real session row in the seeded database, signed with the key the server will read beside it. */
async function signInOperator(databaseUrl: string): Promise<string> {
  const db = createDb(databaseUrl);
  try {
    const session = await db.$transaction((tx) => openOperatorSession(tx, { operator: "bench", client: "127.0.0.1", method: "password", now: new Date(), hours: 2 }));
    const token = await signSessionToken(session, getSessionKey({ DATABASE_URL: databaseUrl, LOOKOUT_SESSION_SECRET: BENCH_SESSION_SECRET }));
    return `lookout_session=${token}`;
  } finally {
    await db.$disconnect();
  }
}

export async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

/** Serves the production build on a seeded database for the duration of `fn`. */
export async function withServedApp<T>(databaseUrl: string, fn: (origin: string) => Promise<T>): Promise<T> {
  const origin = `http://127.0.0.1:${PORT}`;
  // Another server left on the port would be measured instead, silently.
  if (await fetch(origin).then(() => true, () => false)) throw new Error(`port ${PORT} is already in use; stop whatever listens there`);
  const server = spawnNext(["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOOKOUT_SESSION_SECRET: BENCH_SESSION_SECRET, LOOKOUT_PROBE_INTERVAL: "off", LOOKOUT_OPERATOR_PASSWORD: "bench-operator-password", LOOKOUT_OPERATOR_NAME: "bench", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  operatorCookies.set(origin, await signInOperator(databaseUrl));
  try {
    await waitForServer(`${origin}/sign-in`);
    return await fn(origin);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

/** Time to the first body byte of `url`, after a warm-up; fails on a non-200. */
export async function measureTtfb(url: string, runs = 100): Promise<{ p50: number; p95: number; runs: number }> {
  const headers = { cookie: operatorCookies.get(new URL(url).origin) ?? "" };
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers, redirect: "manual" })).text();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers, redirect: "manual" });
    const reader = res.body!.getReader();
    await reader.read();
    samples.push(performance.now() - started);
    await reader.cancel();
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}
