import { measureTtfb, withServedApp } from "./page-ttfb";
import { seedAudit } from "./seed-audit";
import { report } from "./stats";
import type { BenchTarget } from "./targets";

/** Time to first byte of /audit with 200k rows: the newest page, a seam filter, and a page deep in the log. */
export async function benchAuditPageTtfb(target: BenchTarget, rows = 200_000): Promise<number> {
  await seedAudit(target.url, rows);
  return withServedApp(target.url, async (origin) => {
    const newest = await measureTtfb(`${origin}/audit`);
    const filtered = await measureTtfb(`${origin}/audit?seam=envelope.toggled&probe=fly`, 50);
    const deep = await measureTtfb(`${origin}/audit?cursor=${Math.floor(rows / 3)}`, 50);
    report({ name: "audit_page_ttfb_ms", provider: target.provider, ...newest, filtered_p95: filtered.p95, deep_cursor_p95: deep.p95, audit_rows: rows, target_p95: 150 });
    return newest.p95;
  });
}
