"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useTransition } from "react";
import { runNowAction } from "@/app/actions/run-now";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";
import { dashboardQueryKey } from "@/lib/dashboard/fetch-dashboard";

type Notice = { ok: boolean; text: string };

const NOTICE_MS = 6_000;

export function RunNowButton() {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  function run() {
    setNotice(null);
    startTransition(async () => {
      try {
        const result = await runNowAction();
        if (!result.ok && result.status === 401) return goToSignIn();
        if (!result.ok) return setNotice({ ok: false, text: result.message });
        // Refetch before announcing, so the cards already show what the message reports.
        await queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
        setNotice({
          ok: true,
          text: result.coalesced ? "A probe cycle ran moments ago; the cards show its results." : "Probe cycle finished; the cards are up to date.",
        });
      } catch {
        // The request proxy refuses a call whose cookie has expired before the action can answer it.
        if (await followEndedSession()) return;
        setNotice({ ok: false, text: "Could not reach the server. Try again in a moment." });
      }
    });
  }

  return (
    <div className="relative">
      <button
        type="button"
        onClick={run}
        disabled={pending}
        className="inline-flex items-center gap-2 rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white shadow-xs transition-colors hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-wait disabled:bg-slate-600"
      >
        {pending ? (
          <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" />
        ) : (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
            <path d="M4.5 2.8v10.4a.6.6 0 0 0 .9.5l8.3-5.2a.6.6 0 0 0 0-1L5.4 2.3a.6.6 0 0 0-.9.5Z" />
          </svg>
        )}
        {pending ? "Running…" : "Run now"}
      </button>
      {/* Always mounted so screen readers hear the message; it floats under the button so the header never jumps. */}
      <p
        role="status"
        aria-live="polite"
        className={`absolute top-full right-0 z-10 mt-2 w-max max-w-[min(22rem,calc(100vw-2rem))] text-sm ${
          notice
            ? `rounded-lg px-3 py-2 shadow-md ring-1 ${notice.ok ? "bg-white text-slate-700 ring-slate-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`
            : ""
        }`}
      >
        {notice?.text}
      </p>
    </div>
  );
}
