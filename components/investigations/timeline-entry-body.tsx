import { formatDuration, formatSpan } from "@/lib/dashboard/format";
import { analysisHeadings, claimMismatchLabel, explainClaimMismatch, type InvestigationReport } from "@/lib/investigate/investigation-report";
import Link from "next/link";
import { sessionHref } from "@/lib/incidents/session-href";
import { formatTimestamp } from "@/lib/dashboard/format";
import type { TimelineEntry } from "@/lib/timeline/types";
import { dmKindLabels } from "./timeline-labels";
import { formatCost, formatCount } from "./investigation-format";
import { readableSlackText } from "./slack-text";
import { SummaryText } from "./summary-text";

type Entry<K extends TimelineEntry["kind"]> = Extract<TimelineEntry, { kind: K }>;

const meta = "flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500";

const fallbackReasons: Record<string, string> = {
  no_api_key: "no Anthropic API key is configured",
  budget_exhausted: "today's AI budget is spent",
  api_error: "the Anthropic API failed",
};

/** What one entry says beyond its heading. */
export function TimelineEntryBody({ entry, timeZone }: { entry: TimelineEntry; timeZone: string }) {
  switch (entry.kind) {
    case "wake":
      return <WakeBody entry={entry} />;
    case "autofix":
      return <AutofixBody entry={entry} />;
    case "investigation":
      return <InvestigationBody entry={entry} />;
    case "dm":
      return <DmBody entry={entry} />;
    case "resolved":
      return <p className="text-sm text-slate-600">The probe reported healthy again; the incident is closed.</p>;
    case "acknowledged":
      return (
        <p className="text-sm text-slate-600">
          {entry.via === "slack" ? "From the Slack DM." : entry.via === "dashboard" ? "From the dashboard." : null} Reminders for this incident stop.
        </p>
      );
    case "flapping":
      return <FlappingBody entry={entry} />;
    case "escalated":
      return <EscalatedBody entry={entry} />;
    case "recovering":
      return <p className="text-sm text-slate-600">A healthy check; the incident resolves once enough of them come in a row.</p>;
    case "maintenance":
      return <MaintenanceBody entry={entry} timeZone={timeZone} />;
  }
}

function FlappingBody({ entry }: { entry: Entry<"flapping"> }) {
  if (entry.phase === "ended") {
    return <p className="text-sm text-slate-600">The probe has been stable long enough; messages about it resume as usual.</p>;
  }
  const counted = entry.changes !== null && entry.window !== null ? `Its status changed ${entry.changes} times in its last ${entry.window} checks. ` : "";
  return <p className="text-sm text-slate-600">{counted}Lookout keeps this one incident and sends no further DM until the probe is stable.</p>;
}

function EscalatedBody({ entry }: { entry: Entry<"escalated"> }) {
  return (
    <p className="text-sm text-slate-600">
      The probe got worse while {entry.fromSeverity === "warning" || entry.fromSeverity === null ? "a warning" : `a ${entry.fromSeverity}`} incident was open, so this
      one has its own investigation and DM.{" "}
      {entry.fromSessionId && (
        <Link href={sessionHref(entry.fromSessionId)} className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
          The earlier incident
        </Link>
      )}
    </p>
  );
}

function MaintenanceBody({ entry, timeZone }: { entry: Entry<"maintenance">; timeZone: string }) {
  const at = (iso: string) => formatTimestamp(iso, timeZone).slice(0, 16);
  const scope = entry.scopeLabel;
  if (entry.phase === "ended") {
    return (
      <p className="text-sm text-slate-600">
        {entry.by ? `Ended by ${entry.by}` : "Its end time passed"}
        {entry.early ? " before its planned end" : ""}. {scope}: <span className="break-words text-slate-800">{entry.reason}</span>
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm break-words text-slate-800">{entry.reason}</p>
      <p className={meta}>
        <span>{scope}</span>
        <span>
          from <time dateTime={entry.startsAt}>{at(entry.startsAt)}</time> to <time dateTime={entry.endsAt}>{at(entry.endsAt)}</time> {timeZone}
        </span>
        {entry.by && <span>by {entry.by}</span>}
      </p>
      <p className="text-xs text-slate-500">Probes still run and incidents are recorded; nothing wakes while it lasts.</p>
    </div>
  );
}

function WakeBody({ entry }: { entry: Entry<"wake"> }) {
  if (entry.wakeState === "debounced") {
    return (
      <p className="text-xs break-words text-slate-500">
        <span className="text-slate-700">{entry.title}</span> · envelope {entry.envelopeEnabled ? "on" : "off"} · folded into an earlier
        investigation of this incident, so nothing new was run or sent.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium break-words text-slate-900">{entry.title}</p>
      {entry.detail && <p className="text-sm break-words text-slate-600">{entry.detail}</p>}
      <p className={meta}>Envelope {entry.envelopeEnabled ? "on" : "off"}</p>
    </div>
  );
}

function AutofixBody({ entry }: { entry: Entry<"autofix"> }) {
  return (
    <div className="flex flex-col gap-1">
      {(entry.app || entry.machineId) && (
        <p className="text-sm text-slate-700">
          Machine <code className="font-mono text-xs text-slate-900">{entry.machineId ?? "?"}</code> in{" "}
          <code className="font-mono text-xs text-slate-900">{entry.app ?? "?"}</code>
        </p>
      )}
      {entry.message && <p className="text-sm break-words text-slate-600">{entry.message}</p>}
      <p className={meta}>by {entry.actor}</p>
    </div>
  );
}

function InvestigationBody({ entry }: { entry: Entry<"investigation"> }) {
  const engine = entry.engine === "claude" ? "Claude" : entry.engine === "fallback" ? "Fallback summary" : entry.engine;
  return (
    <div className="flex flex-col gap-2">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:flex sm:flex-wrap">
        <Meta label="Engine" value={engine} />
        {entry.model && <Meta label="Model" value={entry.model} mono />}
        <Meta
          label="Tokens"
          value={`${formatCount(entry.inputTokens)} in · ${formatCount(entry.outputTokens)} out · cache ${formatCount(entry.cacheCreationTokens)} written, ${formatCount(entry.cacheReadTokens)} read`}
        />
        <Meta label="Cost" value={formatCost(entry.costUsd)} />
        <Meta label="Duration" value={formatDuration(entry.durationMs)} />
      </dl>
      {entry.fallbackReason && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
          AI investigation unavailable: {fallbackReasons[entry.fallbackReason] ?? entry.fallbackReason}.
        </p>
      )}
      <ReportParts report={entry.report} />
    </div>
  );
}

/** "Lookout did" (from Lookout's records) and the analysis, apart; a contradicted claim shows as a warning between them. */
function ReportParts({ report }: { report: InvestigationReport }) {
  const { analysis } = report;
  return (
    <>
      <section aria-label="Lookout did" data-part="lookout-did" className="rounded-lg border border-slate-200 px-3 py-2.5">
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Lookout did</h4>
        {report.lookoutDid.length > 0 ? (
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800 marker:text-slate-400">
            {report.lookoutDid.map((line, i) => (
              <li key={i} className="break-words">
                {line}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-500 italic">No record of what Lookout did was kept for this investigation.</p>
        )}
      </section>
      {report.claimMismatch && (
        <p role="note" data-claim-check="claim_mismatch" className="rounded-lg border border-red-200 bg-red-50 px-3 py-1.5 text-sm break-words text-red-900">
          <strong className="font-semibold">{claimMismatchLabel}:</strong> {explainClaimMismatch(report.claimMismatch)}
        </p>
      )}
      <section aria-label={analysisHeadings[analysis.format]} data-part="analysis" className="rounded-lg bg-slate-50 px-3 py-2.5">
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {analysisHeadings[analysis.format]}
          {analysis.format === "report" && <span className="ml-2 font-medium tracking-normal normal-case">confidence {analysis.confidence}</span>}
        </h4>
        {analysis.format === "report" ? (
          <dl className="mt-1 flex flex-col gap-1.5 text-sm text-slate-800">
            {analysis.whatIsWrong && <Finding label="What is wrong">{analysis.whatIsWrong}</Finding>}
            {analysis.likelyCause && <Finding label="Likely cause">{analysis.likelyCause}</Finding>}
            {analysis.nextSteps.length > 0 && (
              <Finding label="Next steps">
                <ul className="list-disc space-y-0.5 pl-5 marker:text-slate-400">
                  {analysis.nextSteps.map((step, i) => (
                    <li key={i}>{step}</li>
                  ))}
                </ul>
              </Finding>
            )}
          </dl>
        ) : (
          <SummaryText text={analysis.text} className="mt-1" />
        )}
      </section>
    </>
  );
}

function Finding({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function Meta({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="flex min-w-0 gap-1.5 max-sm:col-span-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`min-w-0 break-words text-slate-800 tabular-nums ${mono ? "font-mono" : ""}`}>{value}</dd>
    </div>
  );
}

function DmBody({ entry }: { entry: Entry<"dm"> }) {
  return (
    <div className="flex flex-col gap-2">
      <p className={meta}>
        <span>{dmKindLabels[entry.dmKind] ?? "Slack message"}</span>
        {/* An update edits the first DM where it stands: it neither starts nor joins the thread. */}
        {entry.status === "sent" && entry.dmKind !== "update" && <span>{entry.inThread ? "In the incident's thread" : "Starts the incident's thread"}</span>}
        <span>
          {entry.attempts} {entry.attempts === 1 ? "attempt" : "attempts"}
        </span>
        {entry.lateByS !== null && entry.lateByS >= 120 && <span>delivered {formatSpan(entry.lateByS * 1000)} late</span>}
      </p>
      {entry.failureReason && entry.status !== "sent" && (
        <p data-testid="dm-failure" className={`text-sm break-words ${entry.status === "queued" || entry.status === "sending" ? "text-amber-800" : "text-red-800"}`}>
          {entry.failureReason}
          {entry.nextAttemptAt && <> · next try <time dateTime={entry.nextAttemptAt}>{entry.nextAttemptAt.slice(11, 19)} UTC</time></>}
        </p>
      )}
      {entry.text && (
        <blockquote className="border-l-2 border-slate-300 pl-3">
          <SummaryText text={readableSlackText(entry.text)} className="text-slate-700" />
        </blockquote>
      )}
      {entry.slackUrl && (
        <a href={entry.slackUrl} target="_blank" rel="noreferrer" className="self-start text-sm font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
          Open in Slack<span className="sr-only"> (opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}
