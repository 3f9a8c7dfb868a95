// A Lookout consumer in its own process, for the kill -9 tests and the recovery benchmark: consumes wakes and
// drains the outbox every `argv[2]` ms (default 100; the server's recovery sweep runs every 10 000) until it is
// killed. LOOKOUT_TEST_CRASH_AT makes it die at a crash point; its environment (DATABASE_URL, the simulator's
// URLs, LOOKOUT_LEASE_SECONDS) comes from the caller.
import { consumeWakes } from "@/lib/wake/consume-wakes";

const everyMs = Number(process.argv[2] ?? 100);
for (;;) {
  try {
    await consumeWakes();
  } catch (error) {
    console.error(`[consumer-process] ${error instanceof Error ? error.message : String(error)}`);
  }
  await new Promise((resolve) => setTimeout(resolve, everyMs));
}
