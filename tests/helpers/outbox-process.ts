// A Lookout instance draining the Slack outbox, once the test says go, until nothing is due; prints what
// its drains delivered as one JSON line.
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { drainOutbox, type DrainSummary } from "@/lib/slack/drain-outbox";
import { waitForGo } from "./wait-for-go";

await waitForGo();
const total: DrainSummary = { sent: 0, retrying: 0, failed: 0, unknown: 0, folded: 0 };
for (;;) {
  const pass = await drainOutbox({ db, env: getEnv() });
  for (const key of Object.keys(total) as (keyof DrainSummary)[]) total[key] += pass[key];
  if (pass.sent + pass.retrying + pass.failed + pass.unknown + pass.folded === 0) break;
}
console.log(JSON.stringify(total));
await db.$disconnect();
process.exit(0);
