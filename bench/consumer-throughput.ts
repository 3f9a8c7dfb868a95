import { randomUUID } from "node:crypto";
import { createDb } from "../lib/db";
import { parseEnv } from "../lib/env";
import { probeNames } from "../lib/probes/types";
import { consumeWakes } from "../lib/wake/consume-wakes";
import { simulatorEnv, startSimulator } from "../simulator/server";
import { report } from "./stats";

const KEYS = 50;
const WAKES = 200;

/** 200 pending wakes across 50 (probe, category) keys: the first of each key is investigated, the rest debounced. */
export async function benchConsumerThroughput(databaseUrl: string): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const db = createDb(databaseUrl);
  const env = parseEnv({ DATABASE_URL: databaseUrl, ...simulatorEnv(sim.url) });
  const log = console.log;
  try {
    const now = new Date();
    const cycle = await db.probeCycle.create({ data: { trigger: "manual", startedAt: now, finishedAt: now, durationMs: 0 } });
    const keys = Array.from({ length: KEYS }, (_, i) => ({ probe: probeNames[i % probeNames.length]!, category: `service_degraded_${i}` }));
    for (const [i, key] of keys.entries()) {
      const snapshot = await db.probeSnapshot.create({
        data: { cycleId: cycle.id, probe: key.probe, status: "degraded", latencyMs: 10, details: "{}", error: "bench issue", observedAt: now },
      });
      const id = `bench${i}`;
      const sessionId = `probe:${key.probe}:${key.category}:${id}`;
      await db.incident.create({
        data: { id, sessionId, probe: key.probe, category: key.category, severity: "warning", title: `Bench issue ${i}`, detail: "bench", openedAt: now, lastSeenAt: now, openKey: `${key.probe}:${key.category}` },
      });
      await db.wake.createMany({
        data: Array.from({ length: WAKES / KEYS }, (_, j) => ({
          id: randomUUID(),
          incidentId: id,
          sessionId,
          probe: key.probe,
          category: key.category,
          severity: "warning",
          snapshotId: snapshot.id,
          nextAttemptAt: now,
          createdAt: new Date(now.getTime() + j),
        })),
      });
    }
    console.log = () => {};
    const started = performance.now();
    const summary = await consumeWakes({ db, env });
    const seconds = (performance.now() - started) / 1000;
    console.log = log;
    report({ name: "consumer_throughput", wakes_per_s: Math.round((WAKES / seconds) * 10) / 10, wakes: WAKES, keys: KEYS, investigated: summary.investigated, debounced: summary.debounced, seconds: Math.round(seconds * 100) / 100 });
  } finally {
    console.log = log;
    await db.$disconnect();
    await sim.close();
  }
}
