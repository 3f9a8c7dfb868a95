// A Lookout instance running only its embedded probe scheduler every `argv[2]` ms, from the moment the test
// says go, until it is stopped. Each tick logs one `[lookout] probe cycle …` line on stdout.
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { startProbeScheduler } from "@/lib/cycle/scheduler";
import { waitForGo } from "./wait-for-go";

// A first cycle loads what every cycle needs (probes, clients), so a cold start does not make the first
// scheduled one outlast the interval; refused or not, it is a manual one, apart from the scheduler's.
await runProbeCycle({ trigger: "manual" });
await waitForGo();
startProbeScheduler(Number(process.argv[2]), undefined, async () => {});
