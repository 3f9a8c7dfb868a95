import { spawnNext } from "../scripts/next-bin.mjs";
import { percentile } from "./stats";

const PORT = 3950;

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

/** Serves the production build on a seeded database file for the duration of `fn`. */
export async function withServedApp<T>(databaseFile: string, fn: (origin: string) => Promise<T>): Promise<T> {
  const server = spawnNext(["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, LOOKOUT_PROBE_INTERVAL: "off", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const origin = `http://127.0.0.1:${PORT}`;
  try {
    await waitForServer(`${origin}/api/dashboard`);
    return await fn(origin);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

/** Time to the first body byte of `url`, after a warm-up; fails on a non-200. */
export async function measureTtfb(url: string, runs = 100): Promise<{ p50: number; p95: number; runs: number }> {
  for (let i = 0; i < 10; i++) await (await fetch(url)).text();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const reader = res.body!.getReader();
    await reader.read();
    samples.push(performance.now() - started);
    await reader.cancel();
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}
