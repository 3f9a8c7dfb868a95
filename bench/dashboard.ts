import { measureTtfb, withServedApp } from "./page-ttfb";
import { report } from "./stats";
import { seedHistory } from "./seed-history";
import type { BenchTarget } from "./targets";

/** Time to first byte of GET / from the production build, with 90 days of history in the database. */
export async function benchDashboardTtfb(target: BenchTarget): Promise<number> {
  const snapshots = await seedHistory(target.url, 90);
  return withServedApp(target.url, async (origin) => {
    const figure = await measureTtfb(`${origin}/`);
    report({ name: "dashboard_ttfb_ms", provider: target.provider, ...figure, snapshots, target_p95: 150 });
    return figure.p95;
  });
}
