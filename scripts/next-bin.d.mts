import type { ChildProcess, SpawnOptions } from "node:child_process";
export function spawnNext(args: string[], options?: SpawnOptions): ChildProcess;
