// Runs Next's CLI as a direct child (no npx wrapper), so a signal to this process reaches the server itself.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");

export function spawnNext(args, options = {}) {
  return spawn(process.execPath, [nextCli, ...args], options);
}
