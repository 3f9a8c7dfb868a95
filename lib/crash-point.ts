/**
 * Crash points for the kill -9 tests: a process started with LOOKOUT_TEST_CRASH_AT=<name> kills itself
 * with SIGKILL when it reaches that point, exactly as a crash there would. Inert in a production build
 * (`next start`) and whenever the variable is unset.
 */
export type CrashPoint = "dm.before_post" | "dm.after_post";

export function crashPoint(name: CrashPoint): void {
  if (process.env.NODE_ENV === "production" || process.env.LOOKOUT_TEST_CRASH_AT !== name) return;
  process.kill(process.pid, "SIGKILL");
}
