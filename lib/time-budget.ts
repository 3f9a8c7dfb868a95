/** What is left of a run that the platform stops at a fixed time (a serverless function's `maxDuration`). */
export interface TimeBudget {
  remainingMs(): number;
}

/**
 * The budget of a function that started at `startedAt` and is stopped `maxDurationSeconds` later. Work
 * that runs after the response (Next's `after()`) counts against the same limit, so it starts from the request.
 */
export function functionTimeBudget(maxDurationSeconds: number, startedAt = Date.now(), clock: () => number = Date.now): TimeBudget {
  const endsAt = startedAt + maxDurationSeconds * 1000;
  return { remainingMs: () => endsAt - clock() };
}
