import { createDb } from "../lib/db";
import { sessionHref } from "../lib/incidents/session-href";
import { seedLongIncident } from "../tests/helpers/seed-long-incident";
import { measureTtfb, withServedApp } from "./page-ttfb";
import { seedHistory } from "./seed-history";
import { report } from "./stats";
import type { BenchTarget } from "./targets";

/** A long incident's timeline (50 wakes, 1 investigation, 2 DMs, 1,000 snapshots) among 90 days of history. */
export async function benchTimelineTtfb(target: BenchTarget): Promise<number> {
  const history = await seedHistory(target.url, 90);
  const db = createDb(target.url);
  const { sessionId } = await seedLongIncident(db, { snapshots: 1_000, wakes: 50, end: new Date(Date.now() - 3_600_000) });
  await db.$disconnect();
  return withServedApp(target.url, async (origin) => {
    const figure = await measureTtfb(`${origin}${sessionHref(sessionId)}`);
    report({ name: "timeline_ttfb_ms", provider: target.provider, ...figure, wakes: 50, snapshots_in_incident: 1_000, history_snapshots: history, target_p95: 100 });
    return figure.p95;
  });
}
