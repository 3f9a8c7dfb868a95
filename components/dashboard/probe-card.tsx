import { formatDuration, formatRelative, formatTimestamp } from "@/lib/dashboard/format";
import type { KeyFigure, ProbeCard as ProbeCardData } from "@/lib/dashboard/types";
import type { ProbeStatus } from "@/lib/probes/types";
import { HistoryStrip } from "./history-strip";
import { OpenIncidentBanner } from "./open-incident-banner";
import { SilencedNote } from "./silenced-note";
import { StatusBadge } from "./status-badge";

const toneClass = { good: "text-emerald-700", warn: "text-amber-800", bad: "text-red-700" } as const;
const errorClass: Record<ProbeStatus, string> = {
  degraded: "border-amber-200 bg-amber-50 text-amber-900",
  unhealthy: "border-red-200 bg-red-50 text-red-800",
  healthy: "border-slate-200 bg-slate-50 text-slate-700",
  unconfigured: "border-slate-200 bg-slate-50 text-slate-700",
};

interface Props {
  card: ProbeCardData;
  now: string;
  timeZone: string;
}

export function ProbeCard({ card, now, timeZone }: Props) {
  if (!card.configured) return <UnconfiguredCard card={card} now={now} timeZone={timeZone} />;
  const { latest } = card;
  return (
    <article
      data-probe={card.probe}
      data-silenced={card.silenced ? "true" : undefined}
      aria-labelledby={`probe-${card.probe}`}
      className={`flex flex-col rounded-xl border p-5 shadow-xs ${card.silenced ? "border-slate-300 bg-slate-50" : "border-slate-200 bg-white"}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id={`probe-${card.probe}`} className="text-base font-semibold text-slate-900">
          {card.label}
        </h2>
        <StatusBadge status={card.status} />
      </div>
      {latest ? (
        <p className="mt-1 text-sm text-slate-500">
          Checked{" "}
          <time dateTime={latest.observedAt} title={formatTimestamp(latest.observedAt, timeZone)} className="text-slate-700">
            {formatRelative(latest.observedAt, now)}
          </time>
          <span aria-hidden="true"> · </span>
          <span className="sr-only">, latency </span>
          <span className="tabular-nums">{formatDuration(latest.latencyMs)}</span>
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-500">Configured. Waiting for its first check.</p>
      )}
      {card.silenced && <SilencedNote silence={card.silenced} now={now} timeZone={timeZone} />}
      {card.openIncidents.map((incident) => (
        <OpenIncidentBanner key={incident.sessionId} incident={incident} now={now} timeZone={timeZone} />
      ))}
      {latest?.error && (
        <p className={`mt-3 rounded-lg border px-3 py-2 text-sm ${errorClass[latest.status]}`}>{latest.error}</p>
      )}
      {card.figures.length > 0 && <Figures figures={card.figures} />}
      {latest && <HistoryStrip label={card.label} buckets={card.history} timeZone={timeZone} />}
    </article>
  );
}

function Figures({ figures }: { figures: KeyFigure[] }) {
  return (
    <dl className="mt-3 divide-y divide-slate-100">
      {figures.map((figure) => (
        <div key={figure.label} className="flex items-start justify-between gap-4 py-2">
          <dt className="max-w-1/2 shrink-0 text-sm break-words text-slate-500">{figure.label}</dt>
          <dd className="min-w-0 flex-1 text-right text-sm">
            <span className={`font-medium tabular-nums ${figure.tone ? toneClass[figure.tone] : "text-slate-900"}`}>{figure.value}</span>
            {figure.detail && <span className="mt-0.5 block text-xs break-words text-slate-500">{figure.detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function UnconfiguredCard({ card, now, timeZone }: Props) {
  const env = card.setupEnv ?? [];
  return (
    <article
      data-probe={card.probe}
      aria-labelledby={`probe-${card.probe}`}
      className="flex flex-col rounded-xl border border-dashed border-slate-300 bg-slate-50 p-5"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id={`probe-${card.probe}`} className="text-base font-semibold text-slate-700">
          {card.label}
        </h2>
        <StatusBadge status="unconfigured" />
      </div>
      {/* An incident opened before the credentials were removed is still open: say so rather than hide it. */}
      {card.openIncidents.map((incident) => (
        <OpenIncidentBanner key={incident.sessionId} incident={incident} now={now} timeZone={timeZone} />
      ))}
      <p className="mt-3 text-sm text-slate-600">Lookout is not watching {card.label} yet.</p>
      <p className="mt-1 text-sm text-slate-600">
        Set{" "}
        {env.map((name, i) => (
          <span key={name}>
            {i > 0 && (i === env.length - 1 ? " and " : ", ")}
            <code className="rounded bg-white px-1 py-0.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200">{name}</code>
          </span>
        ))}{" "}
        in the server environment, then restart Lookout.
      </p>
    </article>
  );
}
