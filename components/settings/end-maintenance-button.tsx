"use client";

import { useState, useTransition } from "react";
import { endMaintenanceAction } from "@/app/settings/actions";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";

/** Ends an active window now, or cancels a scheduled one; the list redraws from the server afterwards. */
export function EndMaintenanceButton({ id, scheduled, what }: { id: string; scheduled: boolean; what: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function end() {
    setError(null);
    startTransition(async () => {
      try {
        const result = await endMaintenanceAction({ id });
        if (!result.ok && result.status === 401) return goToSignIn();
        if (!result.ok) setError(result.error);
      } catch {
        if (await followEndedSession()) return;
        setError("Could not reach the server; nothing was changed. Try again in a moment.");
      }
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={end}
        disabled={pending}
        className="rounded-md bg-white px-2.5 whitespace-nowrap py-1 text-sm font-medium text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-wait disabled:text-slate-500"
      >
        {pending ? "Ending…" : scheduled ? "Cancel" : "End now"}
        <span className="sr-only">: {what}</span>
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
