"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";

/**
 * Calls one server action for the signed-in operator: an ended session goes to sign-in, a refusal's message
 * becomes `error`, and a lost connection says nothing was changed. `onDone` runs after a success.
 */
export function useOperatorAction() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run<T>(call: () => Promise<ActionResult<T>>, onDone?: (data: T) => Promise<unknown> | void): void {
    setError(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (!result.ok && result.status === 401) return goToSignIn();
        if (!result.ok) return setError(result.error);
        await onDone?.(result.data);
      } catch {
        if (await followEndedSession()) return;
        setError("Could not reach the server; nothing was changed. Try again in a moment.");
      }
    });
  }

  return { pending, error, run };
}
