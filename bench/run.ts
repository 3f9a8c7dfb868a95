// npm run bench [cycle|dashboard]: Lookout's performance figures as JSON lines (see README "Benchmarks").
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createMigratedDatabase } from "../tests/helpers/migrated-db";
import { benchCycleOverhead } from "./cycle";
import { benchDashboardTtfb } from "./dashboard";

const only = process.argv[2];

if (!only || only === "cycle") {
  const db = createMigratedDatabase("bench-cycle");
  await benchCycleOverhead(db.url);
  db.remove();
}
if (!only || only === "dashboard") {
  if (!buildIfNeeded(process.env, ["ignore", process.stderr, process.stderr])) throw new Error("next build failed");
  const db = createMigratedDatabase("bench-dashboard");
  await benchDashboardTtfb(db.file);
  db.remove();
}
