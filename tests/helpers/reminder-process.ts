// A Lookout instance making one consumer pass at the time given as its argument (so reminders are due), once
// the test says go; prints the pass's summary as one JSON line.
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { consumeWakes } from "@/lib/wake/consume-wakes";
import { waitForGo } from "./wait-for-go";

const at = new Date(process.argv[2] ?? "");
await waitForGo();
const summary = await consumeWakes({ db, env: getEnv(), now: () => at });
console.log(JSON.stringify(summary));
await db.$disconnect();
process.exit(0);
