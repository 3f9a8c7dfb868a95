"use client";

import { useId, useOptimistic, useState, useTransition } from "react";
import { toggleEnvelopeAction } from "@/app/settings/actions";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";

interface Props {
  probe: string;
  label: string;
  /** What the operator chose, as stored; the switch shows an optimistic value while a change is in flight. */
  enabled: boolean;
  /** False for a "none" envelope: the switch is drawn disabled and the server refuses it anyway. */
  canEnable: boolean;
  killSwitch: boolean;
  /** Why the switch is disabled, shown under it and read with it. */
  disabledNote?: string;
}

function describeState(on: boolean, killSwitch: boolean): string {
  if (!on) return "Off";
  return killSwitch ? "On, but forced off by the kill switch" : "On";
}

/** An optional reason for the audit log, then the envelope's switch. */
export function EnvelopeToggle({ probe, label, enabled, canEnable, killSwitch, disabledNote }: Props) {
  const [shown, setShown] = useOptimistic(enabled);
  const [pending, startTransition] = useTransition();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const reasonId = useId();

  // No client-side guard on `canEnable`: a forged change must reach the server and be refused there.
  function change(next: boolean) {
    setError(null);
    const trimmed = reason.trim();
    startTransition(async () => {
      setShown(next);
      try {
        const result = await toggleEnvelopeAction({ probe, enabled: next, ...(trimmed ? { reason: trimmed } : {}) });
        // On failure the optimistic value lapses with the transition, which is the rollback.
        if (result.ok) setReason("");
        else if (result.status === 401) goToSignIn();
        else setError(result.error);
      } catch {
        // The request proxy refuses a call whose cookie has expired before the action can answer it.
        if (await followEndedSession()) return;
        setError("Could not reach the server; nothing was changed. Try again in a moment.");
      }
    });
  }

  return (
    <div className="flex flex-col gap-3" aria-busy={pending || undefined}>
      {/* Before the switch: the switch acts at once, so a reason typed after it would miss the audit row. */}
      {canEnable && (
        <div>
          <label htmlFor={reasonId} className="text-xs font-medium text-slate-600">
            Reason for the change <span className="font-normal text-slate-500">(optional, kept in the audit log)</span>
          </label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
            placeholder="e.g. machines wedge after deploys"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-slate-500 focus:ring-1 focus:ring-slate-500 focus:outline-none"
          />
        </div>
      )}
      <div className="flex items-center justify-between gap-4">
        <div>
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">State</p>
          <p
            data-testid="envelope-state"
            className={`text-sm font-semibold ${shown ? (killSwitch ? "text-amber-800" : "text-emerald-700") : "text-slate-900"}`}
          >
            {describeState(shown, killSwitch)}
          </p>
        </div>
        <span className="relative inline-flex h-6 w-11 shrink-0">
          <input
            type="checkbox"
            role="switch"
            aria-checked={shown}
            checked={shown}
            onChange={(event) => change(event.target.checked)}
            disabled={!canEnable}
            aria-label={`Enable the ${label} envelope`}
            aria-describedby={disabledNote ? noteId : undefined}
            className="peer absolute inset-0 z-10 m-0 size-full cursor-pointer appearance-none rounded-full opacity-0 disabled:cursor-not-allowed"
          />
          <span
            aria-hidden="true"
            className={`pointer-events-none absolute inset-0 rounded-full bg-slate-400 transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-slate-900 peer-disabled:bg-slate-200 ${
              killSwitch ? "peer-checked:bg-amber-500" : "peer-checked:bg-emerald-600"
            }`}
          />
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow-sm ring-1 ring-slate-900/5 transition-transform peer-checked:translate-x-5 peer-disabled:shadow-none"
          />
        </span>
      </div>
      {!canEnable && disabledNote && (
        <p id={noteId} className="text-sm text-slate-600">
          {disabledNote}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
