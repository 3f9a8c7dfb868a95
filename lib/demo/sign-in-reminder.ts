// What the demo's terminal says about signing in. The password is printed only when the demo made it up:
// one the operator exported may be a real one, so it is never echoed.

/** Cycle logs scroll the first sign-in line away within a minute, so the first few cycles repeat it. */
export const REMINDER_CYCLES = 3;

const CYCLE_LINE = /^\[lookout\] probe cycle /;

export function describeSignIn(publicUrl: string, password: string, passwordFromEnv: boolean): string {
  const which = passwordFromEnv ? "the password you set (LOOKOUT_OPERATOR_PASSWORD)" : `the password ${password}`;
  return `[demo] sign in at ${publicUrl}/sign-in with ${which}`;
}

/** One line naming (never showing) the exported variables the demo overrode; null when there are none. */
export function describeReplaced(replaced: string[]): string | null {
  if (replaced.length === 0) return null;
  return `[demo] replaced your exported ${replaced.join(", ")} with the demo's own (the simulator stands in for every vendor; the demo keeps its own database)`;
}

/**
 * Given each line of the server's output, the lines to print after it: the sign-in banner after each of
 * the first `cycles` probe-cycle lines, nothing otherwise.
 */
export function createSignInReminder(signIn: string, cycles = REMINDER_CYCLES): (line: string) => string[] {
  const rule = `[demo] ${"─".repeat(Math.max(0, signIn.length - "[demo] ".length))}`;
  let shown = 0;
  return (line) => {
    if (shown >= cycles || !CYCLE_LINE.test(line)) return [];
    shown++;
    return [rule, signIn, rule];
  };
}
