import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { startSimulator, type Simulator } from "@/simulator/server";

/**
 * Starts the vendor simulator on an ephemeral port for this test file and closes it (and the file's
 * database handle) afterwards. Call at module level; use the returned getter inside tests.
 */
export function withSimulator(): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await sim?.close();
    await db.$disconnect();
  });
  return () => {
    if (!sim) throw new Error("the simulator is not running: call withSimulator() at module level");
    return sim;
  };
}
