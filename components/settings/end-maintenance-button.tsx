"use client";

import { endMaintenanceAction } from "@/app/settings/actions";
import { useOperatorAction } from "@/components/use-operator-action";

/** Ends an active window now, or cancels a scheduled one; the list redraws from the server afterwards. */
export function EndMaintenanceButton({ id, scheduled, what }: { id: string; scheduled: boolean; what: string }) {
  const { pending, error, run } = useOperatorAction();
  const end = () => run(() => endMaintenanceAction({ id }));

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
