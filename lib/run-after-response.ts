import { after } from "next/server";

/**
 * Runs `task` once the response has been sent (Next's `after()`), so the caller is not kept waiting.
 * Outside a request scope — a route handler called directly, a script — it simply starts in the background.
 */
export function runAfterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
