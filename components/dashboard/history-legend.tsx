import { segmentStyles } from "./status-styles";

const shown = ["healthy", "degraded", "unhealthy", "none"] as const;

export function HistoryLegend({ timeZone }: { timeZone: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
      <span>History: worst status per half hour, times in {timeZone}</span>
      <ul aria-label="History colours" className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {shown.map((key) => (
          <li key={key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`size-2.5 rounded-sm ring-1 ring-inset ring-slate-900/10 ${segmentStyles[key].className}`} />
            {segmentStyles[key].label.charAt(0).toUpperCase() + segmentStyles[key].label.slice(1)}
          </li>
        ))}
      </ul>
    </div>
  );
}
