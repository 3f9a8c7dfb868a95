import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const repo = path.resolve(import.meta.dirname, "../..");

export interface LookoutProcess {
  child: ChildProcess;
  /** Every line it printed on stdout so far. */
  lines: string[];
  /** Resolves once it printed `ready` (its modules loaded and its database connected). */
  ready: Promise<void>;
  /** Tells it to start (see waitForGo). */
  go(): void;
  /** Its exit code; a non-zero exit rejects with its stderr. */
  exited: Promise<number>;
}

/**
 * Runs `script` (a file under tests/helpers) as a Lookout instance of its own: another process on the same
 * database, with the given environment on top of this one's (DATABASE_URL included).
 */
export function startLookoutProcess(script: string, args: string[], env: Record<string, string | undefined>): LookoutProcess {
  // node with tsx's loader, not the tsx wrapper, so a kill reaches the instance itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join("tests/helpers", script), ...args], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    if (line === "ready") markReady();
  });
  const exited = new Promise<number>((resolve, reject) =>
    child.once("exit", (code, signal) => (code === 0 || signal === "SIGTERM" ? resolve(code ?? 0) : reject(new Error(`${script} exited with ${code ?? signal}: ${stderr.slice(-2000)}`)))),
  );
  // Not awaited by every caller (a killed instance); the rejection is reported where it is awaited.
  exited.catch(() => {});
  return { child, lines, ready: Promise.race([ready, exited.then(() => Promise.reject(new Error(`${script} exited before it was ready: ${stderr.slice(-2000)}`)))]), go: () => child.stdin!.write("go\n"), exited };
}

/** Starts them all at once: each is told to go as soon as every one of them is ready. */
export async function goTogether(processes: LookoutProcess[], offsetsMs: number[] = []): Promise<void> {
  await Promise.all(processes.map((p) => p.ready));
  processes.forEach((p, i) => setTimeout(() => p.go(), offsetsMs[i] ?? 0));
}

export function stopAll(processes: LookoutProcess[]): void {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
}
