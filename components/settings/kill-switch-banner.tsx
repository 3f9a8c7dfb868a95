/** Shown above every envelope while the server-side kill switch is on, because it overrides them all. */
export function KillSwitchBanner() {
  return (
    <div role="note" data-testid="kill-switch" className="flex gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 text-amber-600" fill="currentColor">
        <path d="M8.3 2.9a2 2 0 0 1 3.4 0l6.5 11.3A2 2 0 0 1 16.5 17h-13a2 2 0 0 1-1.7-2.8L8.3 2.9ZM10 7a.9.9 0 0 0-.9.9v3.5a.9.9 0 0 0 1.8 0V7.9A.9.9 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
      </svg>
      <p className="text-sm">
        <strong className="font-semibold">
          <code className="font-mono">LOOKOUT_AUTOFIX_KILL_SWITCH</code> is on: every envelope is forced off, whatever is set here.
        </strong>{" "}
        Lookout attempts no fix until the variable is unset (or set to off) in the server environment and Lookout restarts.
      </p>
    </div>
  );
}
