import { createInterface } from "node:readline";
import { db } from "@/lib/db";

/**
 * In an instance started by startLookoutProcess: connects to the database, says `ready`, and resolves when
 * the test says `go`, so several instances start their work at the same moment.
 */
export async function waitForGo(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on("line", (line) => line === "go" && resolve()));
  console.log("ready");
  await go;
}
