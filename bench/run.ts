// npm run bench [cycle|detect|wake-to-dm|dm-recovery|consumer|dashboard|audit|timeline|investigations]: Lookout's performance figures as JSON lines (see README "Benchmarks").
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createMigratedDatabase } from "../tests/helpers/migrated-db";
import { benchAuditPageTtfb } from "./audit-page";
import { benchCycleOverhead } from "./cycle";
import { benchDashboardTtfb } from "./dashboard";
import { benchConsumerThroughput } from "./consumer-throughput";
import { benchDetectEmit } from "./detect-emit";
import { benchDmRecovery } from "./dm-recovery";
import { benchInvestigationsListTtfb } from "./investigations-list";
import { benchTimelineTtfb } from "./timeline-page";
import { benchWakeToDm } from "./wake-to-dm";

const benches: Record<string, { needsBuild: boolean; run: (db: ReturnType<typeof createMigratedDatabase>) => Promise<void> }> = {
  cycle: { needsBuild: false, run: (db) => benchCycleOverhead(db.url) },
  detect: { needsBuild: false, run: (db) => benchDetectEmit(db.url) },
  "wake-to-dm": { needsBuild: false, run: (db) => benchWakeToDm(db.url) },
  "dm-recovery": { needsBuild: false, run: (db) => benchDmRecovery(db.url) },
  consumer: { needsBuild: false, run: (db) => benchConsumerThroughput(db.url) },
  dashboard: { needsBuild: true, run: (db) => benchDashboardTtfb(db.file) },
  audit: { needsBuild: true, run: (db) => benchAuditPageTtfb(db.file) },
  timeline: { needsBuild: true, run: (db) => benchTimelineTtfb(db.file) },
  investigations: { needsBuild: true, run: (db) => benchInvestigationsListTtfb(db.file) },
};

const only = process.argv[2];
if (only && !benches[only]) throw new Error(`unknown benchmark "${only}"; one of ${Object.keys(benches).join(", ")}`);

for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  if (bench.needsBuild && !buildIfNeeded(process.env, ["ignore", process.stderr, process.stderr])) throw new Error("next build failed");
  const db = createMigratedDatabase(`bench-${name}`);
  try {
    await bench.run(db);
  } finally {
    db.remove();
  }
}
