import type { MaintenanceWindow } from "@/lib/generated/prisma/client";
import { formatTimestamp } from "@/lib/dashboard/format";
import { stripes } from "@/components/dashboard/silenced-note";
import { EndMaintenanceButton } from "./end-maintenance-button";
import { MaintenanceForm } from "./maintenance-form";

interface Props {
  current: MaintenanceWindow[];
  ended: MaintenanceWindow[];
  probes: { name: string; label: string }[];
  now: Date;
  timeZone: string;
}

/** New window form, the windows silencing or about to silence something, and the last ones that ended. */
export function MaintenanceSection({ current, ended, probes, now, timeZone }: Props) {
  const scopeOf = (w: MaintenanceWindow) => (w.probe ? (probes.find((p) => p.name === w.probe)?.label ?? w.probe) : "All probes");
  return (
    <section id="maintenance" aria-labelledby="maintenance-title" className="flex scroll-mt-4 flex-col gap-4">
      <div>
        <h2 id="maintenance-title" className="text-xl font-semibold tracking-tight text-slate-900">
          Maintenance windows
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          While a window lasts, its probes still run and incidents are still recorded (marked “during maintenance”), but nothing wakes: no
          investigation, no DM, no fix. A problem still there when the window ends wakes Lookout then.
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-xs">
        <MaintenanceForm probes={probes} />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-xs">
        <h3 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">Active and scheduled</h3>
        {current.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">No window is active or scheduled: every probe can wake Lookout.</p>
        ) : (
          <ul aria-label="Active and scheduled windows" className="divide-y divide-slate-100">
            {current.map((w) => {
              const scheduled = w.startsAt > now;
              return (
                <li key={w.id} data-window-id={w.id} data-state={scheduled ? "scheduled" : "active"} className={`flex items-start justify-between gap-4 px-5 py-3 ${scheduled ? "" : stripes}`}>
                  <WindowText window={w} scope={scopeOf(w)} timeZone={timeZone} state={scheduled ? "Scheduled" : "Active"} />
                  <EndMaintenanceButton id={w.id} scheduled={scheduled} what={`${scopeOf(w)}, ${w.reason}`} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {ended.length > 0 && (
        <div className="rounded-xl border border-slate-200 bg-white shadow-xs">
          <h3 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">Recently ended</h3>
          <ul aria-label="Recently ended windows" className="divide-y divide-slate-100">
            {ended.map((w) => (
              <li key={w.id} data-window-id={w.id} data-state="ended" className="px-5 py-3">
                <WindowText window={w} scope={scopeOf(w)} timeZone={timeZone} endedAt={w.endedAt ?? w.endsAt} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function WindowText({ window: w, scope, timeZone, state, endedAt }: { window: MaintenanceWindow; scope: string; timeZone: string; state?: string; endedAt?: Date }) {
  const at = (d: Date) => formatTimestamp(d.toISOString(), timeZone).slice(0, 16);
  const early = endedAt !== undefined && endedAt < w.endsAt;
  // A scheduled window ended before it began never silenced anything: say so rather than show a backwards span.
  const cancelled = endedAt !== undefined && endedAt <= w.startsAt;
  return (
    <div className="min-w-0 text-sm">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-medium text-slate-900">{scope}</span>
        {state && <span className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset">{state}</span>}
      </p>
      <p className="mt-0.5 break-words text-slate-800">{w.reason}</p>
      <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
        {at(w.startsAt)} → {at(early && endedAt && !cancelled ? endedAt : w.endsAt)} {timeZone}
        {cancelled && " (planned)"} · by {w.createdBy}
        {endedAt && (cancelled ? ` · cancelled before it started by ${w.endedBy ?? "unknown"}` : early ? ` · ended early by ${w.endedBy ?? "unknown"}` : " · ran its course")}
      </p>
    </div>
  );
}
