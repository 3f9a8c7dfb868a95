import { createDb } from "../lib/db";
import { sessionHref } from "../lib/incidents/session-href";
import { seedLongIncident } from "../tests/helpers/seed-long-incident";
import { measureTtfb, withServedApp } from "./page-ttfb";
import { seedHistory } from "./seed-history";
import { report } from "./stats";

/** A long incident's timeline (50 wakes, 1 investigation, 2 DMs, 1,000 snapshots) among 90 days of history. */
export async function benchTimelineTtfb(databaseFile: string): Promise<void> {
  const history = seedHistory(databaseFile, 90);
  const db = createDb(`file:${databaseFile}`);
  const { sessionId } = await seedLongIncident(db, { snapshots: 1_000, wakes: 50, end: new Date(Date.now() - 3_600_000) });
  await db.$disconnect();
  await withServedApp(databaseFile, async (origin) => {
    report({ name: "timeline_ttfb_ms", ...(await measureTtfb(`${origin}${sessionHref(sessionId)}`)), wakes: 50, snapshots_in_incident: 1_000, history_snapshots: history, target_p95: 100 });
  });
}
