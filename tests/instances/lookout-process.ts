// One Lookout server as its own process group (`next start`, or `npm start`'s script that migrates first),
// so a test can kill -9 it, and every process it started, like a crashed machine.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { freePort } from "../../scripts/embedded-postgres.mjs";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface LookoutProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything it printed so far, for a failing test's message. */
  output(): string;
  exited(): boolean;
  /** Signals the whole process group and waits for the server to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnLookoutOptions {
  name: string;
  env: Record<string, string>;
  /** Through scripts/start.mjs (migrate, then serve), as `npm start` does; else `next start` alone. */
  viaStartScript?: boolean;
  /** The working directory; `next start` is told where the build is, so it may be any directory. */
  cwd?: string;
}

export async function spawnLookout({ name, env, viaStartScript = false, cwd = projectRoot }: SpawnLookoutOptions): Promise<LookoutProcess> {
  const port = await freePort();
  const args = viaStartScript ? [path.join(projectRoot, "scripts/start.mjs")] : [nextCli, "start", projectRoot, "-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env: { ...env, NODE_ENV: "production", PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let exited = false;
  void gone.then(() => (exited = true));
  running.add(child);
  void gone.then(() => running.delete(child));
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited: () => exited,
    async kill(signal = "SIGKILL") {
      killGroup(child, signal);
      await gone;
    },
  };
}

/** Polls until the server answers HTTP at all (a redirect to sign-in counts); throws if it exits first. */
export async function waitUntilServing(server: LookoutProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`${server.name} exited before serving:\n${server.output()}`);
    try {
      await fetch(`${server.url}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`${server.name} did not answer within ${timeoutMs} ms:\n${server.output()}`);
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  // The group, not the pid: `npm start`'s script serves through a child that must go down with it.
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// A worker that dies or is torn down must not leave servers holding ports and database connections.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});
