import Link from "next/link";
import { formatClock, formatTimestamp } from "@/lib/dashboard/format";
import type { CardSilence } from "@/lib/dashboard/types";

/** Grey stripes: the look of "deliberately quiet", apart from every status colour. */
export const stripes = "bg-[repeating-linear-gradient(135deg,var(--color-slate-100)_0_6px,var(--color-white)_6px_12px)]";

/** "14:30" today, "2026-11-26 14:30" on another day, in the server's zone. */
export function formatUntil(iso: string, now: string, timeZone: string): string {
  const sameDay = formatTimestamp(iso, timeZone).slice(0, 10) === formatTimestamp(now, timeZone).slice(0, 10);
  return sameDay ? formatClock(iso, timeZone) : formatTimestamp(iso, timeZone).slice(0, 16);
}

/** A maintenance window covers this probe: it is still checked, but nothing wakes until the window ends. */
export function SilencedNote({ silence, now, timeZone }: { silence: CardSilence; now: string; timeZone: string }) {
  return (
    <div data-testid="silenced" data-window-id={silence.windowId} className={`mt-3 rounded-lg border border-slate-300 px-3 py-2 ${stripes}`}>
      <p className="flex items-start gap-2 text-sm text-slate-800">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 13.5a2 2 0 0 0 4 0M4 11.5h8.5l-1.3-1.8V6.5A3.2 3.2 0 0 0 6 4.3M4.8 6.6v3.1L3.5 11.5M2 2l12 12" />
        </svg>
        <span className="min-w-0 break-words">
          <strong className="font-semibold">
            Silenced until{" "}
            <time dateTime={silence.until} title={formatTimestamp(silence.until, timeZone)}>
              {formatUntil(silence.until, now, timeZone)}
            </time>
          </strong>{" "}
          — {silence.reason}
        </span>
      </p>
      <p className="mt-0.5 pl-6 text-xs text-slate-600">
        Maintenance{silence.scope === "all" ? " of all probes" : ""} by {silence.by}. Still checked; nothing wakes.{" "}
        <Link href="/settings#maintenance" className="font-medium text-slate-800 underline underline-offset-2 hover:no-underline">
          Manage
        </Link>
      </p>
    </div>
  );
}
