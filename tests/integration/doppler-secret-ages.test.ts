import { beforeEach, describe, expect, it } from "vitest";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { db } from "@/lib/db";
import { makeDopplerLogs } from "@/simulator/generators";
import { simulatedEnv } from "../helpers/lookout-env";
import { withSimulator } from "../helpers/with-simulator";

// Secret ages through the real cycle: the simulator's Doppler speaks the real shapes (a log list without
// diffs, single logs with them), and what Lookout learns from single logs is kept in SQLite.

const simulator = withSimulator();

beforeEach(async () => {
  simulator().reset();
  await db.probeCycle.deleteMany();
  await db.probeMemo.deleteMany();
});

async function dopplerSnapshot(overrides: Record<string, string> = {}) {
  const result = await runProbeCycle({ trigger: "manual", env: simulatedEnv(simulator().url, overrides) });
  expect(result.ok).toBe(true);
  const snapshot = await db.probeSnapshot.findFirstOrThrow({ where: { probe: "doppler" }, orderBy: { observedAt: "desc" } });
  return { status: snapshot.status, error: snapshot.error, details: JSON.parse(snapshot.details) as Record<string, unknown> };
}

const singleLogReads = () =>
  simulator()
    .requests()
    .filter((r) => r.path.startsWith("/doppler/v3/configs/config/logs/log?"))
    .map((r) => new URL(r.path, "http://sim").searchParams.get("log"));

describe("Doppler secret ages", () => {
  it("calls a config healthy whose secrets all changed last week, however old the config, naming the right oldest secret", async () => {
    const { doppler } = simulator().state;
    const ages = { DATABASE_URL: 7, STRIPE_SECRET_KEY: 3, SENTRY_DSN: 5, SESSION_SECRET: 1 };
    doppler.secretNames = [...Object.keys(ages), "DOPPLER_CONFIG"];
    doppler.logs = makeDopplerLogs({ ages, now: Date.now(), project: doppler.project, config: doppler.config, createdDaysAgo: 400 });

    const snapshot = await dopplerSnapshot();
    expect(snapshot).toMatchObject({ status: "healthy", error: null });
    expect(snapshot.details).toMatchObject({ oldest_secret_name: "DATABASE_URL", secrets_tracked: 4, secrets_undated: 0, age_status: "known" });
    expect(snapshot.details.oldest_secret_age_days).toBeCloseTo(7, 0);
  });

  it("dates a long history over several cycles within its budget, never re-reads a log, and never alarms before it knows", async () => {
    const { doppler } = simulator().state;
    doppler.secretNames = ["DATABASE_URL", "STRIPE_SECRET_KEY"];
    const now = Date.now();
    const noise = makeDopplerLogs({ ages: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`OLD_FLAG_${i}`, 1 + i])), now, project: "lookout", config: "prd" })
      .filter((l) => !l.text.startsWith("Created"));
    const [creation] = makeDopplerLogs({ ages: { DATABASE_URL: 250, STRIPE_SECRET_KEY: 250 }, now, project: "lookout", config: "prd", createdDaysAgo: 250 });
    doppler.logs = [...noise, creation!];
    const budget = { LOOKOUT_DOPPLER_LOG_FETCHES_PER_CYCLE: "12" };
    const dopplerIncidents = () => db.incident.count({ where: { probe: "doppler" } });
    const incidentsBefore = await dopplerIncidents();

    const first = await dopplerSnapshot(budget);
    expect(first).toMatchObject({ status: "healthy", error: null });
    expect(first.details).toMatchObject({ secrets_undated: 2, oldest_secret_age_days: null, age_status: "unknown", logs_fetched: 12 });
    expect(first.details.age_note).toMatch(/^2 secrets not yet dated \(12 log reads a cycle; the next cycle reads further\)$/);
    expect(await dopplerIncidents()).toBe(incidentsBefore);

    expect((await dopplerSnapshot(budget)).details).toMatchObject({ secrets_undated: 2, logs_read: 24 });
    const third = await dopplerSnapshot(budget);
    expect(third).toMatchObject({ status: "degraded", error: expect.stringMatching(/^Doppler secret DATABASE_URL is 250(\.\d)? days old \(threshold 180\)$/) });
    expect(third.details).toMatchObject({ secrets_undated: 0, logs_read: 31, logs_fetched: 7 });

    const reads = singleLogReads();
    expect(reads).toHaveLength(31);
    expect(new Set(reads).size).toBe(31);
    const memos = await db.probeMemo.findMany();
    expect(memos.every((m) => m.probe === "doppler")).toBe(true);
    expect(memos).toHaveLength(31);
    // Only names were kept: the diff's `added`/`removed` values never reach the database.
    expect(JSON.stringify(memos)).not.toContain("simsecret-");
  });

  it("leaves ages unknown, not failed, while the token may not read logs", async () => {
    simulator().state.doppler.logsForbidden = true;
    const snapshot = await dopplerSnapshot();
    expect(snapshot).toMatchObject({ status: "healthy", details: { age_status: "unknown", oldest_secret_age_days: null } });
    expect(snapshot.details.age_note).toMatch(/^Config logs unreadable: Doppler API credentials rejected \(HTTP 403\)/);
  });
});
