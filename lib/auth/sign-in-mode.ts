import type { Env } from "@/lib/env";

/** How the operator proves who they are: a name and password, the one password, or a one-time token. */
export type SignInMode = "named" | "password" | "token";

export function signInMode(env: Pick<Env, "LOOKOUT_OPERATOR_PASSWORD" | "LOOKOUT_OPERATORS">): SignInMode {
  if (env.LOOKOUT_OPERATORS.length > 0) return "named";
  return env.LOOKOUT_OPERATOR_PASSWORD ? "password" : "token";
}

/**
 * Whether `name` may hold a session under the configuration Lookout runs with now: someone removed from
 * LOOKOUT_OPERATORS (or a renamed operator) is signed out at the next restart, not when the cookie expires.
 */
export function isConfiguredOperator(env: Pick<Env, "LOOKOUT_OPERATOR_NAME" | "LOOKOUT_OPERATOR_PASSWORD" | "LOOKOUT_OPERATORS">, name: string): boolean {
  if (env.LOOKOUT_OPERATORS.some((o) => o.name === name)) return true;
  const single = signInMode(env) !== "named" || Boolean(env.LOOKOUT_OPERATOR_PASSWORD);
  return single && name === env.LOOKOUT_OPERATOR_NAME;
}
