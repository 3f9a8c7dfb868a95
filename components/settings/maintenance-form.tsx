"use client";

import { useId, useState, useTransition } from "react";
import { createMaintenanceAction } from "@/app/settings/actions";
import { followEndedSession, goToSignIn } from "@/lib/auth/go-to-sign-in";

const durations = [
  [30, "30 min"],
  [60, "1 h"],
  [120, "2 h"],
  [240, "4 h"],
  [480, "8 h"],
  [1440, "24 h"],
] as const;

const control = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-slate-500 focus:ring-1 focus:ring-slate-500 focus:outline-none";
const field = `mt-1 block w-full ${control}`;
const labelClass = "text-xs font-medium text-slate-600";

/** Scope, start, length and reason of a new window; the server checks everything again. */
export function MaintenanceForm({ probes }: { probes: { name: string; label: string }[] }) {
  const [pending, startTransition] = useTransition();
  const [scope, setScope] = useState("all");
  const [startMode, setStartMode] = useState<"now" | "later">("now");
  const [startsAt, setStartsAt] = useState("");
  const [duration, setDuration] = useState("60");
  const [minutes, setMinutes] = useState("");
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setNotice(null);
    // datetime-local has no zone: it is the browser's local time, sent on as an exact instant.
    const start = startMode === "later" && startsAt ? new Date(startsAt) : null;
    if (startMode === "later" && (!start || Number.isNaN(start.getTime()))) return setNotice({ ok: false, text: "Pick the date and time the window starts." });
    const durationMinutes = duration === "custom" ? Number(minutes) : Number(duration);
    startTransition(async () => {
      try {
        const result = await createMaintenanceAction({ scope, durationMinutes, reason, ...(start ? { startsAt: start.toISOString() } : {}) });
        if (!result.ok && result.status === 401) return goToSignIn();
        if (!result.ok) return setNotice({ ok: false, text: result.error });
        setReason("");
        setNotice({ ok: true, text: start ? "Maintenance scheduled." : "Maintenance started: nothing wakes for its scope until it ends." });
      } catch {
        if (await followEndedSession()) return;
        setNotice({ ok: false, text: "Could not reach the server; nothing was changed. Try again in a moment." });
      }
    });
  }

  return (
    <form onSubmit={submit} aria-label="New maintenance window" className="grid gap-4 sm:grid-cols-2" aria-busy={pending || undefined}>
      <div>
        <label htmlFor={`${id}-scope`} className={labelClass}>
          Scope
        </label>
        <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)} className={field}>
          <option value="all">All probes</option>
          {probes.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-duration`} className={labelClass}>
          Duration
        </label>
        <div className="flex gap-2">
          <select id={`${id}-duration`} value={duration} onChange={(e) => setDuration(e.target.value)} className={field}>
            {durations.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value="custom">Minutes…</option>
          </select>
          {duration === "custom" && (
            <input
              type="number"
              min={1}
              max={10080}
              required
              aria-label="Duration in minutes"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              placeholder="minutes"
              className={`${control} mt-1 w-28 shrink-0`}
            />
          )}
        </div>
      </div>
      <fieldset className="sm:col-span-2">
        <legend className={labelClass}>Start</legend>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-800">
          <label className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${id}-start`} checked={startMode === "now"} onChange={() => setStartMode("now")} />
            Now
          </label>
          <label className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${id}-start`} checked={startMode === "later"} onChange={() => setStartMode("later")} />
            At
          </label>
          <input
            type="datetime-local"
            aria-label="Start date and time"
            value={startsAt}
            disabled={startMode !== "later"}
            required={startMode === "later"}
            onChange={(e) => setStartsAt(e.target.value)}
            className={`${control} w-full min-w-0 sm:w-64 disabled:bg-slate-50 disabled:text-slate-400`}
          />
        </div>
      </fieldset>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-reason`} className={labelClass}>
          Reason <span className="font-normal text-slate-500">(required, kept in the audit log)</span>
        </label>
        <input
          id={`${id}-reason`}
          type="text"
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. database upgrade"
          className={field}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="inline-flex items-center gap-2 rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white shadow-xs hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-wait disabled:bg-slate-600"
        >
          {pending ? "Saving…" : startMode === "later" ? "Schedule maintenance" : "Start maintenance"}
        </button>
        <p role="status" aria-live="polite" className={`text-sm ${notice?.ok ? "text-emerald-800" : "text-red-800"}`}>
          {notice?.text}
        </p>
      </div>
    </form>
  );
}
