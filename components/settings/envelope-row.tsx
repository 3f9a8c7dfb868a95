import { formatRelative, formatTimestamp } from "@/lib/dashboard/format";
import type { EnvelopeState } from "@/lib/envelopes/get-envelope-states";
import { EnvelopeToggle } from "./envelope-toggle";

interface Props {
  state: EnvelopeState;
  now: string;
  timeZone: string;
}

/** One probe's envelope: what Lookout may do, what it never does, why, and the switch. */
export function EnvelopeRow({ state, now, timeZone }: Props) {
  const { probe, label, envelope } = state;
  const hasFix = envelope.fix !== null;
  return (
    <article
      data-probe={probe}
      aria-labelledby={`envelope-${probe}`}
      className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-5 shadow-xs md:flex-row md:items-start md:justify-between"
    >
      <div className="min-w-0 flex-1">
        <h2 id={`envelope-${probe}`} className="text-base font-semibold text-slate-900">
          {label}
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Envelope:{" "}
          {hasFix ? (
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-900">{envelope.fix}</code>
          ) : (
            <span className="font-medium text-slate-700">None</span>
          )}
        </p>
        {/* On a phone each term sits above its text, so pairs get a little extra room between them. */}
        <dl className="mt-3 grid gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[9rem_1fr] sm:gap-y-2 [&>dt:not(:first-child)]:mt-2 sm:[&>dt:not(:first-child)]:mt-0">
          <dt className="text-slate-500">What it does</dt>
          <dd className="text-slate-900">{envelope.does}</dd>
          <dt className="text-slate-500">Out of envelope</dt>
          <dd className="text-slate-900">{envelope.outOfEnvelope}</dd>
          {/* A "none" envelope gives its reason next to the disabled switch instead. */}
          {hasFix && (
            <>
              <dt className="text-slate-500">Why</dt>
              <dd className="text-slate-900">{envelope.rationale}</dd>
            </>
          )}
        </dl>
      </div>
      <div className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 md:w-80 md:shrink-0">
        <EnvelopeToggle
          probe={probe}
          label={label}
          enabled={state.enabled}
          canEnable={hasFix}
          killSwitch={state.killSwitch}
          {...(hasFix ? {} : { disabledNote: `No fix exists for ${label}: ${envelope.rationale}` })}
        />
        <p data-testid="envelope-last-changed" className="border-t border-slate-200 pt-3 text-xs text-slate-500">
          {state.lastChangedAt ? (
            <>
              Last changed by <span className="font-medium text-slate-700">{state.lastChangedBy ?? "unknown"}</span>{" "}
              <time dateTime={state.lastChangedAt} title={formatTimestamp(state.lastChangedAt, timeZone)} className="text-slate-700">
                {formatRelative(state.lastChangedAt, now)}
              </time>
              <span className="mt-0.5 block tabular-nums">{formatTimestamp(state.lastChangedAt, timeZone)}</span>
            </>
          ) : (
            "Never changed"
          )}
        </p>
      </div>
    </article>
  );
}
