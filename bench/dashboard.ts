import { measureTtfb, withServedApp } from "./page-ttfb";
import { report } from "./stats";
import { seedHistory } from "./seed-history";

/** Time to first byte of GET / from the production build, with 90 days of history in the database. */
export async function benchDashboardTtfb(databaseFile: string): Promise<void> {
  const snapshots = seedHistory(databaseFile, 90);
  await withServedApp(databaseFile, async (origin) => {
    report({ name: "dashboard_ttfb_ms", ...(await measureTtfb(`${origin}/`)), snapshots, target_p95: 150 });
  });
}
