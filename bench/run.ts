// npm run bench -- [cycle|detect|wake-to-dm|dm-recovery|consumer|dashboard|audit|timeline|investigations|multi-instance] [--provider sqlite|postgres|both]:
// Lookout's performance figures as JSON lines (see README "Benchmarks").
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { benchAuditPageTtfb } from "./audit-page";
import { benchCycleOverhead } from "./cycle";
import { benchDashboardTtfb } from "./dashboard";
import { benchConsumerThroughput } from "./consumer-throughput";
import { benchDetectEmit } from "./detect-emit";
import { benchDmRecovery } from "./dm-recovery";
import { benchInvestigationsListTtfb } from "./investigations-list";
import { benchMultiInstanceCycles } from "./multi-instance-cycles";
import { report } from "./stats";
import { createBenchTarget, resolveProviders, type BenchTarget, type Provider } from "./targets";
import { benchTimelineTtfb } from "./timeline-page";
import { benchWakeToDm } from "./wake-to-dm";

interface Bench {
  needsBuild: boolean;
  /** The providers it runs on, among those chosen: the page and cycle figures are compared side by side. */
  on: Provider[];
  /** A page's or a cycle's p95, compared across providers; nothing for the rest. */
  run: (target: BenchTarget) => Promise<number | void>;
}

const both: Provider[] = ["sqlite", "postgres"];
const benches: Record<string, Bench> = {
  cycle: { needsBuild: false, on: both, run: (t) => benchCycleOverhead(t) },
  detect: { needsBuild: false, on: ["sqlite"], run: (t) => benchDetectEmit(t.url) },
  "wake-to-dm": { needsBuild: false, on: ["sqlite"], run: (t) => benchWakeToDm(t.url) },
  "dm-recovery": { needsBuild: false, on: ["sqlite"], run: (t) => benchDmRecovery(t.url) },
  consumer: { needsBuild: false, on: ["sqlite"], run: (t) => benchConsumerThroughput(t.url) },
  dashboard: { needsBuild: true, on: both, run: benchDashboardTtfb },
  audit: { needsBuild: true, on: both, run: benchAuditPageTtfb },
  timeline: { needsBuild: true, on: both, run: benchTimelineTtfb },
  investigations: { needsBuild: true, on: both, run: benchInvestigationsListTtfb },
  "multi-instance": { needsBuild: true, on: ["postgres"], run: benchMultiInstanceCycles },
};

const args = process.argv.slice(2);
const providerAt = args.indexOf("--provider");
const providerFlag = providerAt >= 0 ? args[providerAt + 1] : undefined;
const only = args.filter((a, i) => !a.startsWith("--") && !(providerAt >= 0 && i === providerAt + 1))[0];
if (only && !benches[only]) throw new Error(`unknown benchmark "${only}"; one of ${Object.keys(benches).join(", ")}`);

const { providers, cluster } = await resolveProviders(providerFlag);
try {
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    const chosen = bench.on.filter((p) => providers.includes(p));
    if (chosen.length === 0) continue;
    if (bench.needsBuild && !buildIfNeeded(process.env, ["ignore", process.stderr, process.stderr])) throw new Error("next build failed");
    const p95: Partial<Record<Provider, number>> = {};
    for (const provider of chosen) {
      const target = await createBenchTarget(provider, name, cluster);
      try {
        const figure = await bench.run(target);
        if (typeof figure === "number") p95[provider] = figure;
      } finally {
        await target.remove();
      }
    }
    if (p95.sqlite !== undefined && p95.postgres !== undefined) {
      const ratio = Math.round((p95.postgres / p95.sqlite) * 100) / 100;
      report({ name: "provider_compare", [bench.needsBuild ? "page" : "bench"]: name, sqlite_p95: p95.sqlite, postgres_p95: p95.postgres, ratio, target: "<= 2x" });
    }
  }
} finally {
  await cluster?.stop();
}
