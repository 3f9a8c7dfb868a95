import { openOperatorSession } from "@/lib/auth/operator-sessions";
import { getSessionKey } from "@/lib/auth/session-key";
import { signSessionToken } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

/** A real signed-in session in this file's database: its row, its audit row and its signed cookie value. */
export async function signInForTest(operator = "alice", { hours = 1 }: { hours?: number } = {}) {
  const session = await db.$transaction((tx) => openOperatorSession(tx, { operator, client: "127.0.0.1", method: "password", now: new Date(), hours }));
  const token = await signSessionToken(session, getSessionKey(getEnv()));
  return { session, token, cookie: `lookout_session=${token}` };
}

/**
 * Stands in for `next/headers` outside a Next request: a cookie jar holding whatever `jar.token` is.
 * Everything behind it (signature check, session row) is Lookout's own code, unmocked.
 */
export function fakeNextHeaders(jar: { token?: string }) {
  return {
    cookies: async () => ({
      get: (name: string) => (name === "lookout_session" && jar.token ? { name, value: jar.token } : undefined),
      set: () => undefined,
      delete: () => undefined,
    }),
    headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1" }),
  };
}
