"use client";

import { useQueryClient } from "@tanstack/react-query";
import { acknowledgeIncidentAction } from "@/app/actions/acknowledge-incident";
import { useOperatorAction } from "@/components/use-operator-action";
import { dashboardQueryKey } from "@/lib/dashboard/fetch-dashboard";

/** Acknowledges one open incident; the card or timeline then redraws from the server's answer. */
export function AcknowledgeButton({ sessionId, title, className = "" }: { sessionId: string; title: string; className?: string }) {
  const queryClient = useQueryClient();
  const { pending, error, run } = useOperatorAction();

  function acknowledge() {
    // Both live views that can show this incident read it again, so the button gives way to who and when.
    run(
      () => acknowledgeIncidentAction({ sessionId }),
      () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: dashboardQueryKey }),
          queryClient.invalidateQueries({ queryKey: ["timeline", sessionId] }),
        ]),
    );
  }

  return (
    <div className={`flex flex-col items-start gap-1.5 ${className}`}>
      <button
        type="button"
        onClick={acknowledge}
        disabled={pending}
        className="inline-flex items-center gap-1.5 rounded-md bg-white px-2.5 py-1 text-sm font-medium text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-wait disabled:text-slate-500"
      >
        {pending ? (
          <span aria-hidden="true" className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700" />
        ) : (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
            <path d="m3.5 8.5 3 3 6-7" />
          </svg>
        )}
        {pending ? "Acknowledging…" : "Acknowledge"}
        <span className="sr-only">: {title}</span>
      </button>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
