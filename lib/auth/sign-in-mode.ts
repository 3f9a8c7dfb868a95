import type { Env } from "@/lib/env";

/** How the operator proves who they are: a name and password, the one password, or a one-time token. */
export type SignInMode = "named" | "password" | "token";

export function signInMode(env: Pick<Env, "LOOKOUT_OPERATOR_PASSWORD" | "LOOKOUT_OPERATORS">): SignInMode {
  if (env.LOOKOUT_OPERATORS.length > 0) return "named";
  return env.LOOKOUT_OPERATOR_PASSWORD ? "password" : "token";
}
