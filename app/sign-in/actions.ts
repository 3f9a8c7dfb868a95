"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getOperator, requestIsHttps } from "@/lib/auth/current-operator";
import { revokeOperatorSession } from "@/lib/auth/operator-sessions";
import { safeReturnPath } from "@/lib/auth/return-path";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { getSessionKey } from "@/lib/auth/session-key";
import { signSessionToken } from "@/lib/auth/session-token";
import { clientAddress, signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { describeError } from "@/lib/describe-error";
import { getEnv } from "@/lib/env";

export interface SignInState {
  error: string | null;
  /** The name typed, so a refused attempt does not make a named operator type it again. */
  name?: string;
}

const signInForm = z.object({
  name: z.string().max(64, "That is longer than any operator's name.").optional(),
  secret: z.string().min(1, "Enter the password.").max(512, "That is longer than any Lookout password."),
  next: z.string().max(2048).optional(),
});

/**
 * The sign-in form. The one action that runs without a session; it never echoes or logs what was typed.
 * On success it sets the session cookie and goes back to the page that sent the operator here.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  // Its id is public and open to everyone: a hand-made call may carry anything, not the form.
  if (!(form instanceof FormData)) return { error: "Enter the password." };
  const parsed = signInForm.safeParse({ name: form.get("name") ?? undefined, secret: form.get("secret"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter the password." };

  const env = getEnv();
  let next: string;
  try {
    const result = await signIn({ name: parsed.data.name, secret: parsed.data.secret }, clientAddress((await headers()).get("x-forwarded-for")));
    if (!result.ok) return { error: result.message, name: parsed.data.name };
    const { session } = result;
    const token = await signSessionToken(session, getSessionKey(env));
    (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(env, { requestIsHttps: await requestIsHttps(), expiresAt: session.expiresAt }));
    next = safeReturnPath(parsed.data.next);
  } catch (error) {
    console.error("[lookout] sign-in failed:", describeError(error));
    return { error: "Sign-in failed on the server; the server log has the details." };
  }
  redirect(next);
}

/** Sign-out: revokes the session server-side (a copied cookie dies with it) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const operator = await getOperator();
  if (operator) {
    await revokeOperatorSession(db, operator);
    console.log(`[lookout] ${operator.operator} signed out`);
  }
  // Cleared even when the session had already ended, so a dead cookie does not linger in the browser.
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/sign-in");
}
