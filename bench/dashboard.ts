import { spawnNext } from "../scripts/next-bin.mjs";
import { percentile, report } from "./stats";
import { seedHistory } from "./seed-history";

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

/** Time to first byte of GET / from the production build, with 90 days of history in the database. */
export async function benchDashboardTtfb(databaseFile: string, runs = 100): Promise<void> {
  const snapshots = seedHistory(databaseFile, 90);
  const server = spawnNext(["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, LOOKOUT_PROBE_INTERVAL: "off", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${PORT}/`;
  try {
    await waitForServer(url);
    for (let i = 0; i < 10; i++) await (await fetch(url)).text();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const res = await fetch(url);
      const reader = res.body!.getReader();
      await reader.read();
      samples.push(performance.now() - started);
      await reader.cancel();
      if (!res.ok) throw new Error(`GET / answered ${res.status}`);
    }
    report({ name: "dashboard_ttfb_ms", p50: percentile(samples, 50), p95: percentile(samples, 95), runs, snapshots, target_p95: 150 });
  } finally {
    server.kill("SIGTERM");
  }
}
