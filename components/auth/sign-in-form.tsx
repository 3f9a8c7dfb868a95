"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/sign-in/actions";
import type { SignInMode } from "@/lib/auth/sign-in-mode";

const initial: SignInState = { error: null };

const inputClass =
  "rounded-lg border border-slate-300 px-3 py-2 text-base font-normal text-slate-900 outline-none focus:border-slate-500 focus:ring-2 focus:ring-slate-200 sm:text-sm";

export function SignInForm({ next, mode }: { next: string; mode: SignInMode }) {
  const [state, action, pending] = useActionState(signInAction, initial);
  const label = mode === "token" ? "Sign-in token" : "Password";
  return (
    <form action={action} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs sm:p-6">
      <input type="hidden" name="next" value={next} />
      {mode === "named" && (
        <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
          Name
          <input name="name" type="text" defaultValue={state.name} required autoFocus autoComplete="username" autoCapitalize="none" spellCheck={false} className={inputClass} />
        </label>
      )}
      <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
        {label}
        <input
          name="secret"
          type="password"
          required
          autoFocus={mode !== "named"}
          autoComplete={mode === "token" ? "one-time-code" : "current-password"}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
          className={inputClass}
        />
      </label>
      {state.error && (
        <p id="sign-in-error" role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-800 focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
