import { formatInterval } from "@/lib/dashboard/format";

/** Shown until the first cycle is stored; says where the first one will come from, or what to set up first. */
export function EmptyState({ probeIntervalMs, anyConfigured }: { probeIntervalMs: number | null; anyConfigured: boolean }) {
  const schedule =
    probeIntervalMs === null
      ? "The built-in scheduler is off, so cycles come from the cron route"
      : `The scheduler runs one every ${formatInterval(probeIntervalMs)}`;
  return (
    <section aria-labelledby="empty-title" className="rounded-xl border border-slate-200 bg-white px-5 py-6 sm:px-6">
      <h2 id="empty-title" className="text-base font-semibold text-slate-900">
        No probe cycle has run yet
      </h2>
      {anyConfigured ? (
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          {schedule}, or press <strong className="font-medium text-slate-900">Run now</strong> to check every configured vendor
          right away. Results appear here without reloading the page.
        </p>
      ) : (
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          No vendor is configured yet. Each card below names the variables it needs; set them in the server environment
          (<code className="font-mono text-xs text-slate-800">.env.example</code> documents every one) and restart Lookout.
        </p>
      )}
    </section>
  );
}
